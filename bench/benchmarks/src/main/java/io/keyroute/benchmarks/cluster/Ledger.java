package io.keyroute.benchmarks.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The usage ledger as the replicas left it in PostgreSQL, read directly (not through the cut relay). */
final class Ledger {
    private final String jdbcUrl;

    Ledger(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Which of these request ids have no row in usage_events. */
    Set<String> missing(Collection<String> requestIds) throws SQLException {
        Set<String> missing = new HashSet<>(requestIds);
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             var statement = connection.prepareStatement("SELECT request_id FROM usage_events WHERE request_id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", requestIds.toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getString(1));
                }
            }
        }
        return missing;
    }

    /** A user's answered requests in the ledger: how many, their cost in all and the dearest one, in micro-dollars. */
    Spending spending(String userId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             var statement = connection.prepareStatement("SELECT count(*), COALESCE(sum(cost_micros), 0), "
                     + "COALESCE(max(cost_micros), 0) FROM usage_events WHERE user_id = ? AND status = 200")) {
            statement.setString(1, userId);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return new Spending(rows.getLong(1), rows.getLong(2), rows.getLong(3));
            }
        }
    }

    record Spending(long requests, long micros, long dearestMicros) {
    }
}
