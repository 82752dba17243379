package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Page;
import io.keyroute.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the tool calls through {@code /mcp} ({@code mcp_calls}, written by the server's MCP gateway): the
 * latest calls, newest first, a page at a time, and each tool's totals over a time range, for everyone, a workspace
 * or a user. Arguments and results are only what was recorded (with {@code mcp.record_content}, redacted).
 */
public final class ToolCallLog {
    private static final String SELECT = "SELECT id, at, key_id, user_id, workspace_id, server_id, tool, status,"
            + " latency_ms, request_bytes, response_bytes, arguments, result FROM mcp_calls";
    private static final String BY_TOOL = "PARTITION BY server_id, tool";

    private final Jdbc jdbc;
    private final NewestFirst<ToolCall> listing;

    public ToolCallLog(Database database) {
        this.jdbc = database.jdbc();
        this.listing = new NewestFirst<>(jdbc, "mcp_calls", "id", SELECT, ToolCallLog::call);
    }

    /**
     * @param before a call id from an earlier page: only older calls; null for the newest. Empty when that call is
     *               not in the scope (so ids of others cannot be probed).
     */
    public Optional<Page<ToolCall>> latest(UsageScope scope, int limit, String before) {
        return listing.latest(scope, limit, before);
    }

    /**
     * Each tool's totals, by server and then tool. One query: each call is ranked by latency among its tool's
     * (window functions, on both databases), so only one row per tool reaches the JVM.
     *
     * @param from inclusive
     * @param to   exclusive
     */
    public List<ToolTotals> totals(Instant from, Instant to, UsageScope scope) {
        List<Object> params = new ArrayList<>(List.of(Times.format(from), Times.format(to)));
        if (scope.id() != null) {
            params.add(scope.id());
        }
        String ranked = "SELECT server_id, tool, status, latency_ms, ROW_NUMBER() OVER (" + BY_TOOL
                + " ORDER BY latency_ms) AS rn, COUNT(*) OVER (" + BY_TOOL + ") AS n FROM mcp_calls"
                + " WHERE at >= ? AND at < ?" + scope.condition();
        return jdbc.query("SELECT server_id, tool, COUNT(*), SUM(CASE WHEN status = 'ok' THEN 0 ELSE 1 END),"
                        + " MAX(CASE WHEN rn = (n + 1) / 2 THEN latency_ms END) FROM (" + ranked + ") ranked"
                        + " GROUP BY server_id, tool ORDER BY server_id" + jdbc.dialect().byteOrder() + ", tool"
                        + jdbc.dialect().byteOrder(),
                rs -> new ToolTotals(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                params.toArray());
    }

    private static ToolCall call(ResultSet rs) throws SQLException {
        return new ToolCall(rs.getString(1), Times.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                rs.getLong(11), rs.getString(12), rs.getString(13));
    }
}
