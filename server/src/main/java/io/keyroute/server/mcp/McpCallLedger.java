package io.keyroute.server.mcp;

import io.keyroute.store.Jdbc;
import io.keyroute.vault.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tool call in the audit log as {@code mcp.tool_called} (target {@code <server>__<tool>}, detail the server,
 * tool and status). Written after the call ended; a database failure is logged, never turned into the caller's
 * error (the call already happened).
 */
public final class McpCallLedger implements McpCallEvents {
    public static final String ACTION = "mcp.tool_called";
    private static final Logger LOG = LoggerFactory.getLogger(McpCallLedger.class);

    private final Jdbc jdbc;
    private final AuditLog audit;

    public McpCallLedger(Jdbc jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public void called(McpCall call) {
        try {
            audit.record(call.caller().keyId(), ACTION, ToolNames.prefixed(call.serverId(), call.tool()),
                    call.caller().workspaceId(), "server " + call.serverId() + ", tool " + call.tool() + ", status "
                            + call.status() + ", " + call.latencyMs() + " ms, call " + call.id());
        } catch (RuntimeException e) {
            LOG.warn("tool call {} not recorded: {}", call.id(), e.toString());
        }
    }
}
