package io.keyroute.usage;

import io.keyroute.api.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Catalog price × tokens, in micro-dollars. A price per million tokens in USD is, per token, that
 * many micro-dollars, so the exact cost is a plain decimal sum; it is rounded once, half up, at
 * the end (never per part), and everything after that adds longs.
 */
public final class CostCalculator {
    private CostCalculator() {
    }

    /**
     * Cache reads and writes are parts of the prompt and pay their own prices (writes split into the
     * 5-minute and the 1-hour TTL); reasoning tokens are output.
     */
    public static long micros(Price price, Usage usage) {
        return exactMicros(price, usage).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The unrounded cost in micro-dollars. A provider's inconsistent counts are clamped into the prompt. */
    public static BigDecimal exactMicros(Price price, Usage usage) {
        long prompt = Math.max(usage.promptTokens(), 0);
        long cached = clamp(usage.cachedTokens(), prompt);
        long written = clamp(usage.cacheWriteTokens(), prompt - cached);
        long writtenForAnHour = clamp(usage.cacheWrite1hTokens(), written);
        long uncached = prompt - cached - written;
        long completion = Math.max(usage.completionTokens(), 0);
        return price.inputPerMtok().multiply(BigDecimal.valueOf(uncached))
                .add(price.cachedInputPerMtok().multiply(BigDecimal.valueOf(cached)))
                .add(price.cacheWritePerMtok().multiply(BigDecimal.valueOf(written - writtenForAnHour)))
                .add(price.cacheWrite1hPerMtok().multiply(BigDecimal.valueOf(writtenForAnHour)))
                .add(price.outputPerMtok().multiply(BigDecimal.valueOf(completion)));
    }

    private static long clamp(long tokens, long max) {
        return Math.min(Math.max(tokens, 0), max);
    }

    /** USD (a limit from the config or the API) as micro-dollars, rounded down: a limit never grows by rounding. */
    public static long limitMicros(BigDecimal usd) {
        return usd.movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /** Micro-dollars as USD with six decimals, e.g. {@code 0.000150}. */
    public static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
