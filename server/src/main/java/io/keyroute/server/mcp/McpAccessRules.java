package io.keyroute.server.mcp;

import io.keyroute.server.access.AccessList;
import io.keyroute.server.config.AccessRule;
import java.util.List;
import java.util.function.Supplier;

/** The current config's access rules, compiled once per config version (a reload brings a new list). */
final class McpAccessRules implements Supplier<AccessList> {
    private final Supplier<List<AccessRule>> settings;
    private volatile Compiled compiled = new Compiled(List.of(), AccessList.ALLOW_ALL);

    McpAccessRules(Supplier<List<AccessRule>> settings) {
        this.settings = settings;
    }

    @Override
    public AccessList get() {
        List<AccessRule> now = settings.get();
        Compiled last = compiled;
        if (last.rules() != now) {
            last = new Compiled(now, AccessList.of(now));
            compiled = last;
        }
        return last.access();
    }

    private record Compiled(List<AccessRule> rules, AccessList access) {
    }
}
