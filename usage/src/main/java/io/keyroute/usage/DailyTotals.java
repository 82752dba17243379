package io.keyroute.usage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The measures a {@code usage_daily} roll-up row keeps for its group, and the SQL that sums ledger rows into
 * them or merges roll-up rows: request, token, cost, error and cache-saving totals (sums, exact), the lowest and
 * highest latency, and a request count per {@link LatencyHistogram} bucket.
 */
final class DailyTotals {
    /** The measure columns of {@code usage_daily}, in this order everywhere. */
    static final List<String> COLUMNS = Stream.concat(Stream.of("requests", "prompt_tokens", "completion_tokens",
                    "cost_micros", "errors", "cached_tokens", "saved_micros", "latency_min", "latency_max"),
            IntStream.range(0, LatencyHistogram.BUCKETS).mapToObj(LatencyHistogram::column)).toList();
    private static final int SUMS = 7;

    private DailyTotals() {
    }

    /**
     * {@code SELECT names…, COLUMNS… FROM usage_events WHERE condition GROUP BY names…}: ledger rows summed per
     * group as a roll-up row sums them. The rows are first counted per group and latency bucket (one bucket
     * expression a row), then those counts are spread over the bucket columns.
     *
     * @param keys  the group's columns, each {@code expression AS name}
     * @param names those names
     */
    static String fromEvents(List<String> keys, List<String> names, String condition) {
        String groups = String.join(", ", names);
        String perBucket = "SELECT " + groups + ", b, COUNT(*) AS n, SUM(prompt_tokens) AS prompt_tokens,"
                + " SUM(completion_tokens) AS completion_tokens, COALESCE(SUM(cost_micros), 0) AS cost_micros, "
                + UsageReport.ERRORS + " AS errors, SUM(cached_tokens) AS cached_tokens,"
                + " SUM(saved_micros) AS saved_micros, MIN(latency_us) AS latency_min, MAX(latency_us) AS latency_max"
                + " FROM (SELECT " + String.join(", ", keys) + ", " + LatencyHistogram.bucketSql("latency_us")
                + " AS b, prompt_tokens, completion_tokens, cost_micros, outcome, cached_tokens, saved_micros,"
                + " latency_us FROM usage_events WHERE " + condition + ") events GROUP BY " + groups + ", b";
        String spread = IntStream.range(0, LatencyHistogram.BUCKETS)
                .mapToObj(b -> "SUM(CASE WHEN b = " + b + " THEN n ELSE 0 END) AS " + LatencyHistogram.column(b))
                .collect(Collectors.joining(", "));
        return "SELECT " + groups + ", SUM(n) AS requests, SUM(prompt_tokens) AS prompt_tokens,"
                + " SUM(completion_tokens) AS completion_tokens, SUM(cost_micros) AS cost_micros, SUM(errors) AS errors,"
                + " SUM(cached_tokens) AS cached_tokens, SUM(saved_micros) AS saved_micros,"
                + " MIN(latency_min) AS latency_min, MAX(latency_max) AS latency_max, " + spread
                + " FROM (" + perBucket + ") buckets GROUP BY " + groups;
    }

    /**
     * The merge of roll-up rows (or {@link #fromEvents} rows) in a GROUP BY, under the same column names: sums,
     * the least and the most.
     */
    static String merged() {
        return COLUMNS.stream().map(c -> switch (c) {
            case "latency_min" -> "MIN(latency_min)";
            case "latency_max" -> "MAX(latency_max)";
            default -> "SUM(" + c + ")";
        } + " AS " + c).collect(Collectors.joining(", "));
    }

    /** A report row from a result whose first column is the group and the next ones {@link #COLUMNS}, merged. */
    static UsageRow row(ResultSet rs) throws SQLException {
        long[] sums = new long[SUMS];
        for (int i = 0; i < SUMS; i++) {
            sums[i] = rs.getLong(2 + i);
        }
        long lowest = rs.getLong(2 + SUMS);
        long highest = rs.getLong(3 + SUMS);
        long[] counts = new long[LatencyHistogram.BUCKETS];
        for (int b = 0; b < counts.length; b++) {
            counts[b] = rs.getLong(4 + SUMS + b);
        }
        long requests = sums[0];
        return new UsageRow(rs.getString(1), requests, sums[1], sums[2], sums[3], sums[4],
                LatencyHistogram.ranked(counts, (requests + 1) / 2, lowest, highest),
                LatencyHistogram.ranked(counts, (95 * requests + 99) / 100, lowest, highest), sums[5], sums[6]);
    }
}
