package io.keyroute.server.mcp;

/**
 * An upstream MCP server did not answer a request properly: down, too slow, too big an answer, or not speaking
 * the protocol. The request that met it fails with an MCP error; the caller's session goes on.
 */
final class UpstreamFailure extends RuntimeException {
    private final String serverId;

    UpstreamFailure(String serverId, String message, Throwable cause) {
        super(message, cause, false, false);
        this.serverId = serverId;
    }

    String serverId() {
        return serverId;
    }
}
