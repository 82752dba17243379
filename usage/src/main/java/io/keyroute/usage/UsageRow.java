package io.keyroute.usage;

/**
 * One group of a usage report. Latency percentiles are nearest-rank (a latency that occurred).
 *
 * @param group        the provider, model, user id, key id or date; null for requests without one
 * @param costMicros   the sum over priced requests, in micro-dollars
 * @param errors       requests that failed or whose stream broke after it started
 * @param cachedTokens prompt tokens the providers reported read from their prompt cache (part of
 *                     {@code promptTokens}, billed at the cached price)
 * @param savedMicros  what the group's cache hits saved: the cost of the calls they replaced, in micro-dollars
 */
public record UsageRow(String group, long requests, long promptTokens, long completionTokens, long costMicros,
                       long errors, long p50Micros, long p95Micros, long cachedTokens, long savedMicros) {

    /** A row without cache hits. */
    public UsageRow(String group, long requests, long promptTokens, long completionTokens, long costMicros,
                    long errors, long p50Micros, long p95Micros, long cachedTokens) {
        this(group, requests, promptTokens, completionTokens, costMicros, errors, p50Micros, p95Micros, cachedTokens, 0);
    }

    /** Of the prompt tokens, the share read from a provider's prompt cache (0 to 1); 0 without prompt tokens. */
    public double cachedShare() {
        return promptTokens <= 0 ? 0 : Math.min(1.0, (double) cachedTokens / promptTokens);
    }
}
