package io.keyroute.server.mcp;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tool call in the {@code mcp_calls} table and in the audit log as {@code mcp.tool_called} (target
 * {@code <server>__<tool>}, detail the server, tool and status). Written after the call ended, in one transaction; a
 * database failure is logged, never turned into the caller's error (the call already happened).
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
            jdbc.inTransaction(tx -> {
                tx.update("INSERT INTO mcp_calls (id, at, key_id, user_id, workspace_id, server_id, tool, status, "
                                + "latency_ms, request_bytes, response_bytes, arguments, result) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        call.id(), Times.format(call.at()), call.caller().keyId(), call.caller().userId(),
                        call.caller().workspaceId(), call.serverId(), call.tool(), call.status(), call.latencyMs(),
                        call.requestBytes(), call.responseBytes(), call.arguments(), call.result());
                audit.record(tx, call.caller().keyId(), ACTION, ToolNames.prefixed(call.serverId(), call.tool()),
                        call.caller().workspaceId(), "server " + call.serverId() + ", tool " + call.tool() + ", status "
                                + call.status() + ", " + call.latencyMs() + " ms, call " + call.id());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("tool call {} not recorded: {}", call.id(), e.toString());
        }
    }
}
