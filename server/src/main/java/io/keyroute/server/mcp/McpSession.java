package io.keyroute.server.mcp;

import io.keyroute.server.auth.Caller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A caller's session on {@code /mcp}: whose it is (only the key that opened it may use it), the protocol revision
 * agreed, and which server each resource URI it was last shown belongs to (resource URIs are the servers' own, so
 * {@code resources/read} finds its server here).
 */
final class McpSession {
    /** Resource URIs remembered per session: a listing past it routes its first ones only. */
    static final int MAX_RESOURCES = 10_000;

    private final String id;
    private final Caller caller;
    private final String protocolVersion;
    private final Map<String, String> resourceServers = new ConcurrentHashMap<>();

    McpSession(String id, Caller caller, String protocolVersion) {
        this.id = id;
        this.caller = caller;
        this.protocolVersion = protocolVersion;
    }

    String id() {
        return id;
    }

    Caller caller() {
        return caller;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    void shown(String uri, String serverId) {
        if (resourceServers.size() < MAX_RESOURCES) {
            resourceServers.put(uri, serverId);
        }
    }

    String serverOf(String uri) {
        return resourceServers.get(uri);
    }
}
