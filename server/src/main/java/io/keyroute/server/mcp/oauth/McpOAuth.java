package io.keyroute.server.mcp.oauth;

import io.keyroute.api.error.ClientError;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.credentials.CredentialPatch;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.Credentials.SecretForm;
import io.keyroute.vault.credentials.NewCredential;
import io.keyroute.vault.credentials.Owner;
import io.keyroute.vault.credentials.StoredCredential;
import io.keyroute.vault.net.BaseUrlGuard;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyroute as an OAuth 2.1 client of upstream MCP servers, for its users: the authorization code
 * flow with PKCE (S256) started by a user ({@link #start}) and completed by the authorization
 * server's redirect ({@link #complete}), whose tokens are sealed in the vault as the user's MCP
 * credential for the server; and their refresh ({@link #refreshed}), one at a time per credential,
 * stored as the credential's next version. No token, code or verifier leaves Keyroute but to the
 * authorization server, and none is logged.
 */
public final class McpOAuth {
    private static final Logger LOG = LoggerFactory.getLogger(McpOAuth.class);
    /** An access token this close to its expiry is refreshed before use. */
    static final Duration EARLY = Duration.ofSeconds(60);
    static final String CALLBACK_PATH = "/api/v1/mcp/oauth/callback";
    private static final String ACTOR = "keyroute:mcp-oauth";

    private final Credentials credentials;
    private final Function<String, Optional<McpServerSettings>> servers;
    private final OAuthDiscovery discovery;
    private final ClientRegistrations registrations;
    private final TokenEndpoint tokens;
    private final PendingAuthorizations pending;
    private final Clock clock;
    private final Map<String, ReentrantLock> refreshing = new ConcurrentHashMap<>();

    /**
     * @param credentials the vault's MCP credentials
     * @param servers     the configured MCP server of an id (the config in force, so reloads apply)
     * @param guard       the SSRF guard for URLs discovery finds
     */
    public McpOAuth(Credentials credentials, Function<String, Optional<McpServerSettings>> servers, BaseUrlGuard guard,
                    Clock clock) {
        this.credentials = credentials;
        this.servers = servers;
        OAuthHttp http = new OAuthHttp(guard);
        this.discovery = new OAuthDiscovery(http);
        this.registrations = new ClientRegistrations(http);
        this.tokens = new TokenEndpoint(http, clock);
        this.pending = new PendingAuthorizations(clock);
        this.clock = clock;
    }

    /** Where to send the user's browser, and until when the authorization may be completed. */
    public record Started(URI authorizationUrl, Instant expiresAt) {
    }

    /**
     * Starts the authorization of {@code userId} at MCP server {@code serverId}.
     *
     * @param requestOrigin Keyroute's own origin as the start request reached it, for the callback's
     *                      URL when the operator configured none
     */
    public Started start(String userId, String workspaceId, String serverId, URI requestOrigin) {
        McpServerSettings server = server(serverId);
        URI redirectUri = server.oauth().redirectUri() != null ? URI.create(server.oauth().redirectUri())
                : requestOrigin.resolve(CALLBACK_PATH);
        Discovered found = discovery.discover(serverId, URI.create(server.url()), server.oauth());
        OAuthClient client = registrations.clientFor(serverId, server.oauth(), found.server(), redirectUri, found.trust());
        Pkce pkce = Pkce.create();
        Instant expires = pending.expiry();
        String state = pending.add(new PendingAuthorizations.Pending(userId, workspaceId, serverId, pkce, redirectUri, client,
                found, expires));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", Pkce.METHOD);
        query.put("resource", found.resource().toString());
        if (!found.scopes().isEmpty()) {
            query.put("scope", String.join(" ", found.scopes()));
        }
        URI endpoint = found.server().authorizationEndpoint();
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new Started(URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + encoded), expires);
    }

    /**
     * Completes an authorization from its callback: exchanges {@code code} with the verifier the
     * state holds and stores the tokens as the starting user's credential for the server (a new
     * version of their OAuth credential there, active again, if they have one; else a new one, made
     * their default).
     *
     * @param error the authorization server's refusal ({@code error} of RFC 6749 section 4.1.2.1), or null
     * @param iss   the issuer the authorization server named in its response (RFC 9207), or null
     */
    public StoredCredential complete(String state, String code, String error, String iss) {
        PendingAuthorizations.Pending started = pending.take(state).orElseThrow(OAuthErrors::invalidState);
        if (error != null) {
            throw OAuthErrors.refused("The authorization", error);
        }
        AuthorizationServer as = started.discovered().server();
        if ((iss != null || as.sendsIssuer()) && !as.issuer().equals(iss)) {
            throw OAuthErrors.refused("The authorization", "the response names another issuer (RFC 9207)");
        }
        if (code == null || code.isBlank()) {
            throw VaultErrors.badRequest("code is required.", "code");
        }
        OAuthTokens issued = tokens.exchange(as.tokenEndpoint(), started.client(), code, started.pkce(), started.redirectUri(),
                started.discovered().resource().toString(), as.issuer(), started.discovered().trust());
        Owner owner = Owner.user(started.userId());
        String actor = started.userId();
        Optional<StoredCredential> existing = credentials.list(owner).stream()
                .filter(c -> c.provider().equals(started.serverId()))
                .filter(c -> OAuthTokens.AUTH_TYPE.equals(credentials.form(owner, c.id()).authType())).findFirst();
        if (existing.isPresent()) {
            StoredCredential current = existing.get();
            credentials.rotate(actor, owner, started.workspaceId(), current.id(), current.version(), issued.sealable(),
                    form(issued), "credential.authorized");
            // Authorizing again revives a credential a refused refresh deactivated.
            return credentials.update(actor, owner, started.workspaceId(), current.id(), new CredentialPatch(null, null, null, true));
        }
        return credentials.create(actor, owner, started.workspaceId(),
                new NewCredential(started.serverId(), issued.sealable(), started.serverId() + "-oauth", null, true), form(issued));
    }

    /**
     * The credential's tokens, refreshed first when its access token expires within a minute or
     * when {@code rejectedVersion} is its current version (the server refused that version's token).
     * One refresh at a time per credential in this process: a caller that waited for another's
     * refresh uses its result; across replicas the first refresh stored wins (the version must not
     * have moved), and a replica whose refresh was refused because another's rotated the refresh
     * token uses the other's tokens. A refresh the authorization server refuses otherwise (the grant
     * revoked or expired) deactivates the credential; one that fails for another reason leaves it
     * as it was.
     *
     * @param rejectedVersion the version whose token the server answered 401 to, or 0
     */
    Current refreshed(Owner owner, String workspaceId, StoredCredential credential, OAuthTokens current, int rejectedVersion) {
        if (!needsRefresh(current, credential.version(), rejectedVersion)) {
            return new Current(current, credential.version());
        }
        ReentrantLock lock = refreshing.computeIfAbsent(credential.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            StoredCredential latest = credentials.get(owner, credential.id());
            OAuthTokens tokensNow = latest.version() == credential.version() ? current
                    : OAuthTokens.unsealed(credentials.unseal(owner, latest.id()).apiKey());
            if (!needsRefresh(tokensNow, latest.version(), rejectedVersion) || tokensNow.refreshToken() == null) {
                return new Current(tokensNow, latest.version());
            }
            OAuthTokens renewed;
            try {
                renewed = tokens.refresh(tokensNow, trustFor(latest.provider(), tokensNow));
            } catch (ClientError e) {
                if (!"oauth_refused".equals(e.code())) {
                    LOG.warn("MCP server '{}': refreshing credential {} failed: {}", latest.provider(), latest.id(), e.getMessage());
                    return new Current(tokensNow, latest.version());
                }
                if (credentials.deactivateAt(ACTOR, owner, workspaceId, latest.id(), latest.version())) {
                    LOG.warn("MCP server '{}': the authorization server refused to refresh credential {}; it is deactivated "
                            + "until its user authorizes again", latest.provider(), latest.id());
                    return new Current(tokensNow, latest.version());
                }
                // Another replica refreshed first (its refresh replaced the token refused here): its tokens stand.
                var now = credentials.unseal(owner, latest.id());
                return new Current(OAuthTokens.unsealed(now.apiKey()), now.credential().version());
            }
            Optional<StoredCredential> stored = credentials.rotate(ACTOR, owner, workspaceId, latest.id(), latest.version(),
                    renewed.sealable(), form(renewed), "credential.refreshed");
            if (stored.isPresent()) {
                if (!stored.get().isActive()) {
                    // A replica whose refresh lost to this one took the refusal for a revoked grant: it is not.
                    credentials.update(ACTOR, owner, workspaceId, latest.id(), new CredentialPatch(null, null, null, true));
                }
                return new Current(renewed, stored.get().version());
            }
            var unsealed = credentials.unseal(owner, latest.id()); // another replica refreshed first: its tokens
            return new Current(OAuthTokens.unsealed(unsealed.apiKey()), unsealed.credential().version());
        } finally {
            lock.unlock();
        }
    }

    /** A credential's tokens and the version they are. */
    record Current(OAuthTokens tokens, int version) {
    }

    private boolean needsRefresh(OAuthTokens tokens, int version, int rejectedVersion) {
        return version == rejectedVersion || tokens.expiresBy(clock.instant().plus(EARLY));
    }

    /** The operator's origins for the credential's server as configured now (a refresh after a reload included). */
    private Trust trustFor(String serverId, OAuthTokens tokens) {
        return servers.apply(serverId)
                .map(s -> Trust.of(URI.create(s.url()), s.oauth().authorizationServer() == null ? null
                        : URI.create(s.oauth().authorizationServer())))
                .orElseGet(() -> Trust.of());
    }

    private McpServerSettings server(String serverId) {
        return servers.apply(serverId).orElseThrow(() -> VaultErrors.notFound("MCP server", serverId));
    }

    private static SecretForm form(OAuthTokens tokens) {
        return new SecretForm(tokens.accessToken().masked(), OAuthTokens.AUTH_TYPE, tokens.expiresAt());
    }
}
