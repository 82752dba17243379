package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Dialect;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage ledger's read side: totals per group over a time range, for everyone or one user.
 * PostgreSQL computes the latency percentiles in the same query; SQLite has no percentile
 * aggregate, so its latencies are read in order and ranked here.
 */
public final class UsageReport {
    private static final String ERRORS = "SUM(CASE WHEN outcome IN ('error', 'cut') THEN 1 ELSE 0 END)";

    private final Jdbc jdbc;

    public UsageReport(Database database) {
        this.jdbc = database.jdbc();
    }

    /**
     * @param from   inclusive
     * @param to     exclusive
     * @param userId only this user's requests, or null for all
     */
    public List<UsageRow> rows(Instant from, Instant to, String userId, UsageGrouping grouping) {
        List<Object> params = new ArrayList<>(List.of(Times.format(from), Times.format(to)));
        String where = " FROM usage_events WHERE at >= ? AND at < ?";
        if (userId != null) {
            where += " AND user_id = ?";
            params.add(userId);
        }
        boolean postgres = jdbc.dialect() == Dialect.POSTGRESQL;
        String percentiles = postgres
                ? ", percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_us),"
                        + " percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_us)"
                : "";
        String group = grouping.sql() + jdbc.dialect().byteOrder();
        String sql = "SELECT " + group + " AS grp, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
                + " SUM(cost_micros), " + ERRORS + percentiles + where + " GROUP BY grp";
        List<UsageRow> rows = jdbc.query(sql, rs -> new UsageRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), postgres ? rs.getLong(7) : 0, postgres ? rs.getLong(8) : 0),
                params.toArray());
        if (!postgres) {
            rows = withRankedLatencies(rows, "SELECT " + group + " AS grp, latency_us" + where
                    + " ORDER BY grp, latency_us", params);
        }
        return rows.stream().sorted(Comparator.comparing(UsageRow::group, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private List<UsageRow> withRankedLatencies(List<UsageRow> rows, String sql, List<Object> params) {
        Map<String, long[]> latencies = new HashMap<>();
        Map<String, Integer> filled = new HashMap<>();
        rows.forEach(r -> latencies.put(r.group(), new long[(int) r.requests()]));
        jdbc.query(sql, rs -> {
            String group = rs.getString(1);
            int i = filled.merge(group, 1, Integer::sum) - 1;
            latencies.get(group)[i] = rs.getLong(2);
            return null;
        }, params.toArray());
        return rows.stream().map(r -> {
            long[] sorted = latencies.get(r.group());
            return new UsageRow(r.group(), r.requests(), r.promptTokens(), r.completionTokens(), r.costMicros(),
                    r.errors(), nearestRank(sorted, 0.50), nearestRank(sorted, 0.95));
        }).toList();
    }

    /** The smallest value with at least {@code p} of the values at or below it (what percentile_disc returns). */
    static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
