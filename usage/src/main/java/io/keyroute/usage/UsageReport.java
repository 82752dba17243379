package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The usage ledger's read side: totals per group over a time range, for everyone, a workspace or a user, with
 * nearest-rank p50/p95 latencies. One query on both databases: each row is ranked by latency within
 * its group (window functions, SQLite 3.25+ and PostgreSQL), and the percentile is the row whose rank
 * is ⌈p·n⌉, so the database sorts (spilling to disk if it must) and only one row per group reaches
 * the JVM, however many requests the range holds.
 */
public final class UsageReport {
    /** Requests that ended in an error or a stream cut after it began. */
    static final String ERRORS = "SUM(CASE WHEN outcome IN ('error', 'cut') THEN 1 ELSE 0 END)";
    /**
     * Each group's nearest-rank p50 and p95 latency over {@link #ranked} rows, two columns: the rows ranked
     * ⌈n/2⌉ and ⌈95n/100⌉ (integer arithmetic, the same on both databases).
     */
    static final String PERCENTILES = "MAX(CASE WHEN rn = (n + 1) / 2 THEN latency_us END),"
            + " MAX(CASE WHEN rn = (95 * n + 99) / 100 THEN latency_us END)";

    private final Jdbc jdbc;

    public UsageReport(Database database) {
        this.jdbc = database.jdbc();
    }

    /**
     * @param from   inclusive
     * @param to     exclusive
     * @param scope  whose requests
     */
    public List<UsageRow> rows(Instant from, Instant to, UsageScope scope, UsageGrouping grouping) {
        List<Object> params = new ArrayList<>(List.of(Times.format(from), Times.format(to)));
        String where = " FROM usage_events WHERE at >= ? AND at < ?" + scope.condition();
        if (scope.id() != null) {
            params.add(scope.id());
        }
        String scoped = "SELECT " + grouping.sql() + jdbc.dialect().byteOrder()
                + " AS grp, prompt_tokens, completion_tokens, cost_micros, outcome, latency_us, cached_tokens,"
                + " saved_micros" + where;
        String sql = "SELECT grp, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_micros), " + ERRORS
                + ", " + PERCENTILES + ", SUM(cached_tokens), SUM(saved_micros) FROM (" + ranked(scoped)
                + ") ranked GROUP BY grp";
        return jdbc.query(sql, rs -> new UsageRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)), params.toArray()).stream()
                .sorted(Comparator.comparing(UsageRow::group, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /**
     * {@code scoped}'s rows (a SELECT with the columns {@code grp} and {@code latency_us}), each with its
     * latency rank in its group ({@code rn}) and its group's size ({@code n}).
     */
    static String ranked(String scoped) {
        return "SELECT scoped.*, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY latency_us) AS rn,"
                + " COUNT(*) OVER (PARTITION BY grp) AS n FROM (" + scoped + ") scoped";
    }
}
