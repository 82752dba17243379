package io.keyroute.usage;

/**
 * One group of a usage report. Latency percentiles are nearest-rank (a latency that occurred).
 *
 * @param group      the provider, model, user id, key id or date; null for requests without one
 * @param costMicros the sum over priced requests, in micro-dollars
 * @param errors     requests that failed or whose stream broke after it started
 */
public record UsageRow(String group, long requests, long promptTokens, long completionTokens, long costMicros,
                       long errors, long p50Micros, long p95Micros) {
}
