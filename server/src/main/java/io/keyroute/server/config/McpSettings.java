package io.keyroute.server.config;

import java.util.List;

/** The {@code mcp:} section: the upstream MCP servers {@code /mcp} fronts. */
public record McpSettings(List<McpServerSettings> servers) {
    public static final McpSettings DEFAULT = new McpSettings(null);

    public McpSettings {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }
}
