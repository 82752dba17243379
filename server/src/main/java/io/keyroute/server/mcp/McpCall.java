package io.keyroute.server.mcp;

import io.keyroute.server.auth.Caller;
import java.time.Instant;

/**
 * One tool call through {@code /mcp}, as the ledger, the audit log and the metrics see it.
 *
 * @param status        {@code ok}, {@code tool_error} (the tool answered {@code isError}), {@code upstream_error}
 *                      (the server answered a JSON-RPC error), {@code unavailable} (down, slow, malformed, circuit
 *                      open), {@code denied} (access rules or a policy) or {@code rate_limited}
 * @param requestBytes  the arguments' size as JSON
 * @param responseBytes the result's size as JSON, 0 when there was none
 * @param arguments     the arguments, redacted, only when {@code mcp.record_content} is on; else null
 * @param result        the result, redacted, likewise
 */
public record McpCall(String id, Instant at, Caller caller, String serverId, String tool, String status,
                      long latencyMs, long requestBytes, long responseBytes, String arguments, String result) {
    public static final String OK = "ok";
    public static final String TOOL_ERROR = "tool_error";
    public static final String UPSTREAM_ERROR = "upstream_error";
    public static final String UNAVAILABLE = "unavailable";
    public static final String DENIED = "denied";
    public static final String RATE_LIMITED = "rate_limited";
}
