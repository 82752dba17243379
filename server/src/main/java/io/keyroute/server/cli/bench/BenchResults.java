package io.keyroute.server.cli.bench;

import java.util.List;

/**
 * What a run measured: every request, the summary per provider × prompt, and who was skipped.
 *
 * @param warmups the unmeasured requests made first: not in any summary, but paid for
 */
public record BenchResults(List<Sample> samples, List<Sample> warmups, List<CellSummary> cells, List<Skipped> skipped) {

    public BenchResults {
        samples = List.copyOf(samples);
        warmups = List.copyOf(warmups);
        cells = List.copyOf(cells);
        skipped = List.copyOf(skipped);
    }

    /** Exact, over every priced measured request that succeeded. */
    public long totalCostMicros() {
        return costMicros(samples);
    }

    public long warmupCostMicros() {
        return costMicros(warmups);
    }

    private static long costMicros(List<Sample> requests) {
        return requests.stream().filter(s -> s.ok() && s.costMicros() != null).mapToLong(Sample::costMicros).sum();
    }
}
