package io.keyroute.server.mcp;

import io.keyroute.server.config.McpAccessRule;
import java.util.List;
import java.util.function.Supplier;

/** The current config's access rules, compiled once per config version (a reload brings a new list). */
final class McpAccessRules implements Supplier<McpAccess> {
    private final Supplier<List<McpAccessRule>> settings;
    private volatile Compiled compiled = new Compiled(List.of(), McpAccess.OPEN);

    McpAccessRules(Supplier<List<McpAccessRule>> settings) {
        this.settings = settings;
    }

    @Override
    public McpAccess get() {
        List<McpAccessRule> now = settings.get();
        Compiled last = compiled;
        if (last.rules() != now) {
            last = new Compiled(now, McpAccess.of(now));
            compiled = last;
        }
        return last.access();
    }

    private record Compiled(List<McpAccessRule> rules, McpAccess access) {
    }
}
