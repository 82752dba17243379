package io.keyroute.usage;

import java.time.Instant;

/**
 * One tool call through {@code /mcp} as its record reads back ({@code mcp_calls}): who called which tool of which
 * upstream MCP server, how it ended, how long it took and how big it was. Ids name keys, never their values.
 *
 * @param status        {@code ok}, or why not: {@code tool_error}, {@code upstream_error}, {@code unavailable},
 *                      {@code denied}, {@code rate_limited}
 * @param requestBytes  the arguments' size as JSON
 * @param responseBytes the result's size as JSON, 0 when there was none
 * @param arguments     the arguments as recorded (redacted) when {@code mcp.record_content} was on; else null
 * @param result        the result likewise
 */
public record ToolCall(String id, Instant at, String keyId, String userId, String workspaceId, String serverId,
                       String tool, String status, long latencyMs, long requestBytes, long responseBytes,
                       String arguments, String result) {
}
