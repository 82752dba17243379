package io.keyroute.server.mcp.oauth;

import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The MCP server of an id in the config in force (looked up each time, so a reload applies at once). */
public final class ConfiguredMcpServers implements Function<String, Optional<McpServerSettings>> {
    private final Supplier<McpSettings> settings;

    public ConfiguredMcpServers(Supplier<McpSettings> settings) {
        this.settings = settings;
    }

    @Override
    public Optional<McpServerSettings> apply(String id) {
        return settings.get().servers().stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
