package io.keyroute.usage;

/**
 * One arm of an A/B experiment, as the ledger holds it over a time range: what its requests did,
 * with the sums a confidence interval needs.
 *
 * @param priced            the requests whose cost is known (the catalog prices their model)
 * @param costMicros        the sum of the priced requests' costs
 * @param costMicrosSquared the sum of their squares, for the variance
 * @param p50Micros         nearest-rank median latency of every request of the arm
 */
public record ArmTotals(String arm, long requests, long errors, long promptTokens, long completionTokens,
                        long priced, long costMicros, double costMicrosSquared, long p50Micros, long p95Micros) {
}
