package io.keyroute.server.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the {@code mcp:} section: server ids usable as tool-name prefixes, URLs, transports, bounds, access. */
final class McpConfigCheck {
    /** A prefix of {@code <server>__<tool>}: no {@code __} of its own, so the split is never ambiguous. */
    private static final Pattern SERVER_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]|_(?!_))*");
    private static final int MAX_SERVER_ID = 64;
    private static final List<String> TRANSPORTS = List.of(McpServerSettings.STREAMABLE_HTTP, McpServerSettings.SSE);

    private McpConfigCheck() {
    }

    static void check(McpSettings mcp, ConfigValidator.Problems problems) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < mcp.servers().size(); i++) {
            server(mcp.servers().get(i), "mcp.servers[" + i + "]", ids, problems);
        }
        AccessRuleCheck.check("mcp.access", mcp.access(), problems);
        ConfigValidator.positive("mcp.session_idle_s", mcp.sessionIdleS(), problems);
        ConfigValidator.positive("mcp.max_sessions", mcp.maxSessions(), problems);
        ConfigValidator.positive("mcp.max_message_bytes", mcp.maxMessageBytes(), problems);
    }

    private static void server(McpServerSettings server, String at, Set<String> ids, ConfigValidator.Problems problems) {
        if (server == null) {
            problems.add(at, "is empty; a server has id and url");
            return;
        }
        String id = server.id();
        if (id == null || id.length() > MAX_SERVER_ID || !SERVER_ID.matcher(id).matches()) {
            problems.add(at + ".id", "is required: 1 to " + MAX_SERVER_ID + " of a-z 0-9 - _, starting with a letter "
                    + "or digit, without '__' (it separates server and tool in <server>__<tool>)");
        } else if (!ids.add(id)) {
            problems.add(at + ".id", "'" + id + "' names another server too");
        }
        if (server.url() == null || !ConfigValidator.isHttpUrl(server.url())) {
            problems.add(at + ".url", "must be an absolute http:// or https:// URL");
        }
        if (!TRANSPORTS.contains(server.transport())) {
            problems.add(at + ".transport", "must be one of " + String.join(", ", TRANSPORTS));
        }
        ConfigValidator.positive(at + ".timeout_ms", server.timeoutMs(), problems);
        ConfigValidator.positive(at + ".max_response_bytes", server.maxResponseBytes(), problems);
    }
}
