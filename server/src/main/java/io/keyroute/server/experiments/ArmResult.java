package io.keyroute.server.experiments;

import io.keyroute.usage.ArmTotals;
import java.util.Optional;

/**
 * One arm's numbers and how it compares with the experiment's first arm.
 *
 * @param weight         the arm's configured weight, or null for an arm the ledger holds but the config no
 *                       longer lists
 * @param errorRate      errors per request, empty without requests
 * @param costPerRequest in micro-dollars, over the priced requests; empty below two of them
 * @param versusFirst    empty for the first arm itself
 */
public record ArmResult(String arm, Integer weight, ArmTotals totals, Optional<Interval> errorRate,
                        Optional<Interval> costPerRequest, Optional<Difference> versusFirst) {

    /**
     * This arm minus the first arm. A verdict is {@code higher} or {@code lower} only when the 95%
     * interval of the difference excludes 0, else {@code inconclusive} (too few requests, or no
     * difference to find).
     *
     * @param errorRate      difference of error rates, empty when either arm has no requests
     * @param costPerRequest difference of mean costs in micro-dollars, empty when either has fewer than two priced
     */
    public record Difference(String against, Optional<Interval> errorRate, Optional<Interval> costPerRequest) {
        public static String verdict(Optional<Interval> difference) {
            return difference.filter(Interval::excludesZero).map(d -> d.low() > 0 ? "higher" : "lower")
                    .orElse("inconclusive");
        }
    }

    static ArmResult of(String arm, Integer weight, ArmTotals totals, ArmTotals first) {
        Optional<Difference> versus = first == null ? Optional.empty() : Optional.of(new Difference(first.arm(),
                Intervals.rateDifference(totals.errors(), totals.requests(), first.errors(), first.requests()),
                Intervals.meanDifference(totals.priced(), totals.costMicros(), totals.costMicrosSquared(),
                        first.priced(), first.costMicros(), first.costMicrosSquared())));
        return new ArmResult(arm, weight, totals, Intervals.wilson(totals.errors(), totals.requests()),
                Intervals.mean(totals.priced(), totals.costMicros(), totals.costMicrosSquared()), versus);
    }
}
