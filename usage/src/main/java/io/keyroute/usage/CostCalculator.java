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

    /** Cached tokens are part of the prompt and pay the cached price; reasoning tokens are output. */
    public static long micros(Price price, Usage usage) {
        return exactMicros(price, usage).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The unrounded cost in micro-dollars. */
    public static BigDecimal exactMicros(Price price, Usage usage) {
        long cached = Math.min(Math.max(usage.cachedTokens(), 0), Math.max(usage.promptTokens(), 0));
        long uncached = Math.max(usage.promptTokens(), 0) - cached;
        long completion = Math.max(usage.completionTokens(), 0);
        return price.inputPerMtok().multiply(BigDecimal.valueOf(uncached))
                .add(price.cachedInputPerMtok().multiply(BigDecimal.valueOf(cached)))
                .add(price.outputPerMtok().multiply(BigDecimal.valueOf(completion)));
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
