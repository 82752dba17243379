package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The usage ledger's read side: totals per group over a time range, for everyone, a workspace or a user, with
 * nearest-rank p50/p95 latencies. The range is read in parts ({@link ReportParts}): its whole UTC days that are
 * rolled up ({@link UsageRollup}) from {@code usage_daily}, the whole rolled-up hours of the rest (the open day, a
 * partial first or last day) from {@code usage_hourly}, and what is left (the current hour, partial hours) from
 * the ledger's rows summed the same way, in one query: the totals are the ledger's exactly, and the percentiles
 * come from the merged latency buckets ({@link LatencyHistogram}: the exact value's bucket, within ±9.1 %).
 * {@code group_by=hour} reads no daily roll-up, {@code group_by=minute} no roll-up at all. A range with no
 * rolled-up part is read from the ledger's rows alone with exact percentiles: each row is ranked by latency within
 * its group (window functions, SQLite 3.25+ and PostgreSQL), and the percentile is the row whose rank is ⌈p·n⌉, so
 * the database sorts (spilling to disk if it must) and only one row per group reaches the JVM.
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
    private final UsageRollup rollups;

    public UsageReport(Database database) {
        this.jdbc = database.jdbc();
        this.rollups = new UsageRollup(database);
    }

    /**
     * @param from   inclusive
     * @param to     exclusive
     * @param scope  whose requests
     */
    public List<UsageRow> rows(Instant from, Instant to, UsageScope scope, UsageGrouping grouping) {
        ReportParts parts = ReportParts.of(new Span(from, to),
                grouping.dailySql() == null ? Optional.empty() : rollups.nextDay().map(UsageReport::daysBefore),
                grouping.hourlySql() == null ? Optional.empty() : rollups.hourlyReach());
        List<UsageRow> rows = parts.rolledUp() ? mergedRows(parts, scope, grouping) : exactRows(from, to, scope, grouping);
        return rows.stream()
                .sorted(Comparator.comparing(UsageRow::group, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** What the daily roll-ups cover: every day before {@code next}. */
    private static Span daysBefore(LocalDate next) {
        return new Span(Instant.MIN, next.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Roll-ups for the parts rolled up, the ledger's rows for the rest. */
    private List<UsageRow> mergedRows(ReportParts parts, UsageScope scope, UsageGrouping grouping) {
        String byteOrder = jdbc.dialect().byteOrder();
        // Each part is summed per group on its own, then the few rows of all are merged: a UNION ALL of the
        // roll-up rows themselves would carry every wide row through it (~10x slower on PostgreSQL).
        List<String> selects = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        parts.days().ifPresent(days -> {
            selects.add(rolledUp("usage_daily", grouping.dailySql() + byteOrder, "day", 1, scope));
            params.addAll(List.of(UsageRollup.day(days.start()).toString(), UsageRollup.day(days.end()).toString()));
            scope.parameter().ifPresent(params::add);
        });
        if (!parts.hours().isEmpty()) {
            selects.add(rolledUp("usage_hourly", grouping.hourlySql() + byteOrder, "hour", parts.hours().size(), scope));
            parts.hours().forEach(h -> params.addAll(List.of(HourlyRollup.hour(h.start()), HourlyRollup.hour(h.end()))));
            scope.parameter().ifPresent(params::add);
        }
        if (!parts.raw().isEmpty()) {
            selects.add(DailyTotals.fromEvents(List.of(grouping.sql() + byteOrder + " AS grp"), List.of("grp"),
                    within("at", parts.raw().size()) + scope.condition()));
            parts.raw().forEach(r -> params.addAll(List.of(Times.format(r.start()), Times.format(r.end()))));
            scope.parameter().ifPresent(params::add);
        }
        String sql = "SELECT grp, " + DailyTotals.merged() + " FROM (" + String.join(" UNION ALL ", selects)
                + ") parts GROUP BY grp";
        return NoJit.query(jdbc, sql, DailyTotals::row, params.toArray());
    }

    /** A roll-up table's rows of {@code spans} spans of its {@code period} column, merged per group. */
    private static String rolledUp(String table, String group, String period, int spans, UsageScope scope) {
        return "SELECT " + group + " AS grp, " + DailyTotals.merged() + " FROM " + table + " WHERE "
                + within(period, spans) + scope.condition() + " GROUP BY grp";
    }

    /** {@code column} in any of {@code spans} spans [?, ?). */
    private static String within(String column, int spans) {
        return "(" + String.join(" OR ", Collections.nCopies(spans, "(" + column + " >= ? AND " + column
                + " < ?)")) + ")";
    }

    /** From the ledger's rows alone, with exact percentiles. */
    List<UsageRow> exactRows(Instant from, Instant to, UsageScope scope, UsageGrouping grouping) {
        List<Object> params = new ArrayList<>(List.of(Times.format(from), Times.format(to)));
        String where = " FROM usage_events WHERE at >= ? AND at < ?" + scope.condition();
        scope.parameter().ifPresent(params::add);
        String scoped = "SELECT " + grouping.sql() + jdbc.dialect().byteOrder()
                + " AS grp, prompt_tokens, completion_tokens, cost_micros, outcome, latency_us, cached_tokens,"
                + " saved_micros" + where;
        String sql = "SELECT grp, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_micros), " + ERRORS
                + ", " + PERCENTILES + ", SUM(cached_tokens), SUM(saved_micros) FROM (" + ranked(scoped)
                + ") ranked GROUP BY grp";
        return NoJit.query(jdbc, sql, rs -> new UsageRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)),
                params.toArray());
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
