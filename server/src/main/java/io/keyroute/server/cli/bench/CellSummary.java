package io.keyroute.server.cli.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One provider × prompt cell, over its successful requests: latency and TTFT percentiles
 * (nearest rank), mean tokens per request, and the exact cost, in total and per request.
 *
 * @param costMicros           the cell's total, or null when the model is unpriced
 * @param costPerRequestMicros the total over the successful requests, rounded half up once
 */
public record CellSummary(BenchTarget target, String prompt, int requests, int ok, long latencyP50Micros,
                          long latencyP95Micros, long ttftP50Micros, long ttftP95Micros, long promptTokens,
                          long completionTokens, Long costMicros, Long costPerRequestMicros) {

    public static CellSummary of(BenchTarget target, String prompt, List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(Sample::ok).toList();
        List<Long> latencies = ok.stream().map(Sample::latencyMicros).toList();
        List<Long> ttfts = ok.stream().map(Sample::ttftMicros).toList();
        boolean priced = !ok.isEmpty() && ok.stream().allMatch(s -> s.costMicros() != null);
        Long cost = priced ? ok.stream().mapToLong(Sample::costMicros).sum() : null;
        return new CellSummary(target, prompt, samples.size(), ok.size(),
                percentile(latencies, 50), percentile(latencies, 95), percentile(ttfts, 50), percentile(ttfts, 95),
                mean(ok.stream().mapToLong(Sample::promptTokens).sum(), ok.size()),
                mean(ok.stream().mapToLong(Sample::completionTokens).sum(), ok.size()),
                cost, cost == null ? null : mean(cost, ok.size()));
    }

    /** Nearest rank: the smallest value with at least {@code percent}% of the values at or below it; 0 for none. */
    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (percent * sorted.size() + 99) / 100; // ceil in integers: 0.07 × 100 must be 7, not 7.000…1
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static long mean(long total, int count) {
        return count == 0 ? 0 : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
