package io.keyroute.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Page;
import io.keyroute.store.Times;
import io.keyroute.vault.common.VaultErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code alerts} table: every alert raised, once per dedupe key (a budget's crossing of a
 * threshold in a period is one key, whichever replica notices it first).
 */
public final class AlertLog {
    private static final String SELECT = "SELECT id, type, at, workspace_id, summary, data FROM alerts ";

    private final Jdbc jdbc;

    public AlertLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores {@code alert} unless one with {@code dedupeKey} is stored already; true when this one was. */
    boolean add(String dedupeKey, Alert alert) {
        return jdbc.update("INSERT INTO alerts (id, dedupe_key, type, at, workspace_id, summary, data) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
                alert.id(), dedupeKey, alert.type().wire(), Times.format(alert.at()), alert.workspaceId(),
                alert.summary(), alert.data().toString()) == 1;
    }

    /** Deletes the alerts raised before {@code cutoff}; how many went. */
    int purgeBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM alerts WHERE at < ?", Times.format(cutoff));
    }

    /**
     * One page of alerts, newest first: every alert when {@code workspaceId} is null, else that
     * workspace's (a gateway-wide alert, a provider's circuit, is not one workspace's). An unknown
     * {@code before} id is a 400.
     */
    public Page<Alert> recent(String workspaceId, int limit, String before) {
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (workspaceId != null) {
            where.append(" AND workspace_id = ?");
            params.add(workspaceId);
        }
        if (before != null) {
            String at = jdbc.queryOne("SELECT at FROM alerts WHERE id = ?", rs -> rs.getString(1), before)
                    .orElseThrow(() -> VaultErrors.badRequest("before must be the id of an alert.", "before"));
            where.append(" AND ").append(Page.olderThan("at", "id"));
            params.addAll(List.of(at, at, before));
        }
        params.add(limit + 1);
        return Page.of(jdbc.query(SELECT + where + " ORDER BY at DESC, id DESC LIMIT ?", AlertLog::alert,
                params.toArray()), limit);
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        try {
            return new Alert(rs.getString(1), AlertType.ofWire(rs.getString(2)), Times.parse(rs.getString(3)),
                    rs.getString(4), rs.getString(5), (ObjectNode) Json.MAPPER.readTree(rs.getString(6)));
        } catch (JsonProcessingException e) {
            throw new SQLException("alert " + rs.getString(1) + " has unreadable data", e);
        }
    }
}
