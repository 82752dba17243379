package io.keyroute.vault.audit;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The audit trail table: append and read by time range. Rows outlive what they describe. */
public final class AuditLog {
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
        return jdbc.query("SELECT id, at, actor, action, target, workspace_id, detail FROM audit_events "
                        + "WHERE at >= ? AND at < ? ORDER BY at, id",
                rs -> new AuditEvent(rs.getString(1), Times.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)),
                Times.format(from), Times.format(to));
    }
}
