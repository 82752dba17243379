package io.keyroute.server.mcp.oauth;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.mcp.UpstreamAuthorization;
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
 * is; an OAuth credential's access token is refreshed first when it is about to expire, and again
 * when the server answers 401 to it ({@link #rejected}).
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

    public VaultUpstreamAuthorization(Credentials credentials, McpOAuth oauth) {
        this.credentials = credentials;
        this.oauth = oauth;
    }

    @Override
    public Optional<String> authorization(Caller caller, String serverId) {
        return resolve(caller, serverId).map(found -> {
            McpOAuth.Current oauthTokens = oauthTokens(found, 0);
            if (oauthTokens == null) {
                return "Bearer " + credentials.unseal(found.owner(), found.credential().id()).apiKey().reveal();
            }
            served.put(key(caller, serverId), oauthTokens.version());
            return "Bearer " + oauthTokens.tokens().accessToken().reveal();
        });
    }

    @Override
    public void rejected(Caller caller, String serverId) {
        resolve(caller, serverId).ifPresent(found -> {
            // The version last given to this caller is the one refused; a refresh it already had is not repeated.
            int given = served.getOrDefault(key(caller, serverId), found.credential().version());
            if (oauthTokens(found, given) == null) {
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

    /** An OAuth credential's tokens, refreshed as {@link McpOAuth#refreshed} decides; null for a static token. */
    private McpOAuth.Current oauthTokens(Found found, int rejectedVersion) {
        if (!OAuthTokens.AUTH_TYPE.equals(credentials.form(found.owner(), found.credential().id()).authType())) {
            return null;
        }
        var unsealed = credentials.unseal(found.owner(), found.credential().id());
        return oauth.refreshed(found.owner(), found.workspaceId(), unsealed.credential(), OAuthTokens.unsealed(unsealed.apiKey()),
                rejectedVersion);
    }

    private static String key(Caller caller, String serverId) {
        return caller.userId() + "\n" + caller.workspaceId() + "\n" + serverId;
    }
}
