package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The usage ledger's read side: totals per group over a time range, for everyone, a workspace or a user, with
 * nearest-rank p50/p95 latencies. The whole UTC days of the range that are rolled up ({@link UsageRollup}) are
 * read from {@code usage_daily}, the rest of the range (the open day, a partial first or last day) from the
 * ledger's rows summed the same way, in one query: the totals are the ledger's exactly, and the percentiles
 * come from the merged latency buckets ({@link LatencyHistogram}: the exact value's bucket, within ±9.1 %).
 * A range without a whole rolled-up day, and the hour and minute groupings, are read from the ledger's rows
 * alone with exact percentiles: each row is ranked by latency within its group (window functions, SQLite 3.25+
 * and PostgreSQL), and the percentile is the row whose rank is ⌈p·n⌉, so the database sorts (spilling to disk
 * if it must) and only one row per group reaches the JVM.
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
        List<UsageRow> rows = grouping.rolledUpSql() == null ? exactRows(from, to, scope, grouping)
                : rolledUpDays(from, to).map(days -> mergedRows(from, to, days, scope, grouping))
                        .orElseGet(() -> exactRows(from, to, scope, grouping));
        return rows.stream()
                .sorted(Comparator.comparing(UsageRow::group, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** The whole days of [from, to) that are rolled up, as [first, end); empty when there is none. */
    private Optional<Days> rolledUpDays(Instant from, Instant to) {
        Optional<LocalDate> next = rollups.nextDay();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = UsageRollup.day(from);
        if (first.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
            first = first.plusDays(1);
        }
        LocalDate end = UsageRollup.day(to);
        end = end.isAfter(next.get()) ? next.get() : end;
        return first.isBefore(end) ? Optional.of(new Days(first, end)) : Optional.empty();
    }

    /** The UTC days [first, end). */
    private record Days(LocalDate first, LocalDate end) {
    }

    /** Roll-ups for {@code days}, the ledger's rows for the rest of [from, to). */
    private List<UsageRow> mergedRows(Instant from, Instant to, Days days, UsageScope scope,
                                      UsageGrouping grouping) {
        String byteOrder = jdbc.dialect().byteOrder();
        // Each part is summed per group on its own, then the few rows of both are merged: a UNION ALL of the
        // roll-up rows themselves would carry every wide row through it (~10x slower on PostgreSQL).
        String rolledUp = "SELECT " + grouping.rolledUpSql() + byteOrder + " AS grp, " + DailyTotals.merged()
                + " FROM usage_daily WHERE day >= ? AND day < ?" + scope.condition() + " GROUP BY grp";
        String edges = DailyTotals.fromEvents(List.of(grouping.sql() + byteOrder + " AS grp"), List.of("grp"),
                "((at >= ? AND at < ?) OR (at >= ? AND at < ?))" + scope.condition());
        String sql = "SELECT grp, " + DailyTotals.merged() + " FROM (" + rolledUp + " UNION ALL " + edges
                + ") parts GROUP BY grp";
        List<Object> params = new ArrayList<>(List.of(days.first().toString(), days.end().toString()));
        scope.parameter().ifPresent(params::add);
        params.addAll(List.of(Times.format(from), UsageRollup.start(days.first()), UsageRollup.start(days.end()),
                Times.format(to)));
        scope.parameter().ifPresent(params::add);
        return jdbc.query(sql, DailyTotals::row, params.toArray());
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
        return jdbc.query(sql, rs -> new UsageRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
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
