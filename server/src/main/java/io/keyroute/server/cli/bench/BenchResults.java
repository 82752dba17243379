package io.keyroute.server.cli.bench;

import java.util.List;

/** What a run measured: every request, the summary per provider × prompt, and who was skipped. */
public record BenchResults(List<Sample> samples, List<CellSummary> cells, List<Skipped> skipped) {

    public BenchResults {
        samples = List.copyOf(samples);
        cells = List.copyOf(cells);
        skipped = List.copyOf(skipped);
    }

    /** Exact, over every priced request that succeeded. */
    public long totalCostMicros() {
        return samples.stream().filter(s -> s.ok() && s.costMicros() != null).mapToLong(Sample::costMicros).sum();
    }
}
