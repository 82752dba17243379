package io.keyroute.server.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.catalog.Target;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CellSummaryTest {
    private static final BenchTarget TARGET = new BenchTarget("openai", Target.parse("openai/gpt-5-nano"));

    @Property
    void aPercentileIsTheSmallestMeasuredValueWithThatShareAtOrBelowIt(
            @ForAll @NotEmpty @Size(max = 50) List<@LongRange(min = 0, max = 10_000) Long> values,
            @ForAll @IntRange(min = 1, max = 100) int percent) {
        long p = CellSummary.percentile(values, percent);

        assertThat(values).contains(p);
        assertThat(values.stream().filter(v -> v <= p).count() * 100).isGreaterThanOrEqualTo((long) percent * values.size());
        assertThat(values.stream().filter(v -> v < p).count() * 100).isLessThan((long) percent * values.size());
    }

    @Test
    void nearestRankIsExactWhereFloatingPointIsNot() {
        List<Long> oneToHundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(CellSummary.percentile(oneToHundred, 7)).isEqualTo(7); // 0.07 × 100 = 7.000000000000001 in doubles
        assertThat(CellSummary.percentile(List.of(300L, 100L, 200L), 50)).isEqualTo(200);
        assertThat(CellSummary.percentile(List.of(300L, 100L, 200L), 95)).isEqualTo(300);
    }

    @Test
    void summarisesOnlyTheSuccessfulRequestsAndRoundsTheMeanCostOnce() {
        List<Sample> samples = List.of(
                sample(1, 200, 900_000, 100_000, 3L, null),
                sample(2, 200, 1_100_000, 300_000, 4L, null),
                sample(3, 502, 50_000, 0, null, "upstream failed"),
                sample(4, 200, 1_000_000, 200_000, 4L, null));

        CellSummary cell = CellSummary.of(TARGET, "simple", samples);

        assertThat(cell.requests()).isEqualTo(4);
        assertThat(cell.ok()).isEqualTo(3);
        assertThat(cell.latencyP50Micros()).isEqualTo(1_000_000);
        assertThat(cell.latencyP95Micros()).isEqualTo(1_100_000);
        assertThat(cell.ttftP50Micros()).isEqualTo(200_000);
        assertThat(cell.costMicros()).isEqualTo(11);
        assertThat(cell.costPerRequestMicros()).isEqualTo(4); // 11 / 3 = 3.67 → 4
    }

    @Test
    void aCellWithNoSuccessHasNoCost() {
        CellSummary cell = CellSummary.of(TARGET, "simple", List.of(sample(1, 401, 10, 0, null, "refused")));

        assertThat(cell.ok()).isZero();
        assertThat(cell.costMicros()).isNull();
        assertThat(cell.latencyP50Micros()).isZero();
    }

    private static Sample sample(int n, int status, long latency, long ttft, Long cost, String error) {
        return new Sample(TARGET, "simple", n, "req_" + n, status, latency, ttft, 10, 5, cost, null, error);
    }
}
