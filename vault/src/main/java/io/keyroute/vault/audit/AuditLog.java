package io.keyroute.vault.audit;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Page;
import io.keyroute.store.Times;
import io.keyroute.vault.common.Ids;
import io.keyroute.vault.common.VaultErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail table: append and read by time range. Rows outlive what they describe. */
public final class AuditLog {
    private static final String SELECT = "SELECT id, at, actor, action, target, workspace_id, detail FROM audit_events ";

    private final Jdbc jdbc;
    private final Clock clock;

    public AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Jdbc tx, String actor, String action, String target, String workspaceId, String detail) {
        tx.update("INSERT INTO audit_events (id, at, actor, action, target, workspace_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Ids.next("evt"), Times.format(Times.now(clock)), actor, action, target, workspaceId, detail);
    }

    public void record(String actor, String action, String target, String workspaceId, String detail) {
        record(jdbc, actor, action, target, workspaceId, detail);
    }

    /** Events with {@code from <= at < to}, oldest first. */
    public List<AuditEvent> between(Instant from, Instant to) {
        return jdbc.query(SELECT + "WHERE at >= ? AND at < ? ORDER BY at, id", AuditLog::event,
                Times.format(from), Times.format(to));
    }

    /** One page of the events the query selects, newest first; an unknown {@code before} id is a 400. */
    public Page<AuditEvent> search(AuditQuery q) {
        StringBuilder where = new StringBuilder("WHERE at >= ? AND at < ?");
        List<Object> params = new ArrayList<>(List.of(Times.format(q.from()), Times.format(q.to())));
        equal(where, params, "actor", q.actor());
        equal(where, params, "action", q.action());
        equal(where, params, "target", q.target());
        equal(where, params, "workspace_id", q.workspaceId());
        if (q.before() != null) {
            String at = jdbc.queryOne("SELECT at FROM audit_events WHERE id = ?", rs -> rs.getString(1), q.before())
                    .orElseThrow(() -> VaultErrors.badRequest("before must be the id of an audit event.", "before"));
            where.append(" AND ").append(Page.olderThan("at", "id"));
            params.addAll(List.of(at, at, q.before()));
        }
        params.add(q.limit() + 1);
        return Page.of(jdbc.query(SELECT + where + " ORDER BY at DESC, id DESC LIMIT ?", AuditLog::event,
                params.toArray()), q.limit());
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString(1), Times.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }
}
