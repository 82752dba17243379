package io.keyroute.server.mcp;

import io.keyroute.server.auth.Caller;

import java.util.Optional;

/**
 * What {@code /mcp} sends an upstream MCP server as its {@code Authorization} header on a caller's behalf:
 * the upstream's own credential, never the caller's Keyroute key.
 */
public interface UpstreamAuthorization {
    /** Nothing: servers that take no credential. */
    UpstreamAuthorization NONE = new UpstreamAuthorization() {
        @Override
        public Optional<String> authorization(Caller caller, String serverId) {
            return Optional.empty();
        }

        @Override
        public void rejected(Caller caller, String serverId) {
        }
    };

    /** The header value (e.g. {@code "Bearer …"}) for this caller's requests to this server, if it has one. */
    Optional<String> authorization(Caller caller, String serverId);

    /** The upstream answered 401 to what {@link #authorization} gave: refresh it or drop it. */
    void rejected(Caller caller, String serverId);
}
