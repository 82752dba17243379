package io.keyroute.server.config;

import java.util.List;

/**
 * The {@code mcp:} section: the upstream MCP servers {@code /mcp} fronts, who may use which of their tools, and
 * how much {@code /mcp} holds.
 *
 * @param access          allow/deny rules over {@code <server>__<name>} names (an access list as {@code a2a.access}'s);
 *                        none: every caller may use every tool
 * @param sessionIdleS    a caller's {@code /mcp} session, and each upstream session opened for it, ends after this
 *                        long unused (default 30 min)
 * @param maxSessions     the most {@code /mcp} sessions held at once, and the most upstream sessions (default 10,000):
 *                        beyond it the least recently used end
 * @param maxMessageBytes the largest JSON-RPC message a caller may POST (default 1 MiB)
 * @param recordContent   whether the ledger keeps each tool call's arguments and result (redacted by the guardrails'
 *                        detectors); off by default: only names, sizes, status and latency
 */
public record McpSettings(List<McpServerSettings> servers, List<AccessRule> access, Long sessionIdleS,
                          Integer maxSessions, Integer maxMessageBytes, Boolean recordContent) {
    public static final McpSettings DEFAULT = new McpSettings(null);
    public static final long DEFAULT_SESSION_IDLE_S = 1800;
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    public McpSettings {
        servers = servers == null ? List.of() : List.copyOf(servers);
        access = access == null ? List.of() : List.copyOf(access);
        sessionIdleS = sessionIdleS == null ? DEFAULT_SESSION_IDLE_S : sessionIdleS;
        maxSessions = maxSessions == null ? DEFAULT_MAX_SESSIONS : maxSessions;
        maxMessageBytes = maxMessageBytes == null ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes;
        recordContent = recordContent != null && recordContent;
    }

    /** These servers, open to every caller, with the default bounds. */
    public McpSettings(List<McpServerSettings> servers) {
        this(servers, null, null, null, null, null);
    }
}
