package io.keyroute.server.mcp.oauth;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.mcp.UpstreamAuthorization;
import io.keyroute.store.CacheFreshness;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.Owner;
import io.keyroute.vault.credentials.StoredCredential;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's credential for an upstream MCP server, from the vault: the caller's own (their
 * default for the server first), else their workspace's, else none. A static token is sent as it
 * is, and kept for the caller and server until a change to those credentials ({@link StaticTokens});
 * an OAuth credential's access token is refreshed first when it is about to expire, and again when
 * the server answers 401 to it ({@link #rejected}).
 */
public final class VaultUpstreamAuthorization implements UpstreamAuthorization {
    private static final Logger LOG = LoggerFactory.getLogger(VaultUpstreamAuthorization.class);

    private final Credentials credentials;
    private final McpOAuth oauth;
    /**
     * The OAuth credential version last given to each caller and server: a 401 refreshes only that
     * version, so the 401s of requests sent with one token refresh it once. Only {@link #authorization}
     * sets it (a 401 arriving after the caller was given a newer version may refresh once more).
     */
    private final Map<String, Integer> served = new ConcurrentHashMap<>();
    private final StaticTokens statics;

    /** @param freshness how long another replica's change may go unseen here (the database's) */
    public VaultUpstreamAuthorization(Credentials credentials, McpOAuth oauth, CacheFreshness freshness) {
        this.credentials = credentials;
        this.oauth = oauth;
        this.statics = new StaticTokens(credentials, freshness);
    }

    @Override
    public Optional<String> authorization(Caller caller, String serverId) {
        return statics.header(caller, serverId, () -> lookUp(caller, serverId));
    }

    private StaticTokens.Resolved lookUp(Caller caller, String serverId) {
        Optional<Found> resolved = resolve(caller, serverId);
        if (resolved.isEmpty()) {
            return StaticTokens.Resolved.NONE;
        }
        Found found = resolved.get();
        var unsealed = credentials.unseal(found.owner(), found.credential().id());
        if (!isOAuth(unsealed)) {
            return StaticTokens.Resolved.kept(unsealed.apiKey());
        }
        McpOAuth.Current current = refreshed(found, unsealed, 0);
        served.put(key(caller, serverId), current.version());
        return StaticTokens.Resolved.once(current.tokens().accessToken());
    }

    @Override
    public void rejected(Caller caller, String serverId) {
        statics.forget(caller, serverId);
        resolve(caller, serverId).ifPresent(found -> {
            var unsealed = credentials.unseal(found.owner(), found.credential().id());
            if (isOAuth(unsealed)) {
                // The version last given to this caller is the one refused; a refresh it already had is not repeated.
                refreshed(found, unsealed, served.getOrDefault(key(caller, serverId), unsealed.credential().version()));
            } else {
                LOG.info("MCP server '{}' refused credential {} (401)", serverId, found.credential().id());
            }
        });
    }

    private record Found(Owner owner, String workspaceId, StoredCredential credential) {
    }

    private Optional<Found> resolve(Caller caller, String serverId) {
        if (caller.userId() != null) {
            Owner user = Owner.user(caller.userId());
            Optional<StoredCredential> own = credentials.pool(user, serverId).stream().findFirst();
            if (own.isPresent()) {
                return Optional.of(new Found(user, caller.workspaceId(), own.get()));
            }
        }
        if (caller.workspaceId() != null) {
            Owner workspace = Owner.workspace(caller.workspaceId());
            return credentials.pool(workspace, serverId).stream().findFirst()
                    .map(c -> new Found(workspace, caller.workspaceId(), c));
        }
        return Optional.empty();
    }

    private static boolean isOAuth(Credentials.Unsealed unsealed) {
        return OAuthTokens.AUTH_TYPE.equals(unsealed.form().authType());
    }

    private McpOAuth.Current refreshed(Found found, Credentials.Unsealed unsealed, int rejectedVersion) {
        return oauth.refreshed(found.owner(), found.workspaceId(), unsealed.credential(), OAuthTokens.unsealed(unsealed.apiKey()),
                rejectedVersion);
    }

    private static String key(Caller caller, String serverId) {
        return caller.userId() + "\n" + caller.workspaceId() + "\n" + serverId;
    }
}
