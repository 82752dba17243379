package io.keyroute.providers.mock;

import java.time.Duration;
import java.util.Map;

/**
 * How the mock provider behaves, from its config {@code options}: {@code latency_ms} before the
 * answer starts, {@code chunk_delay_ms} between streamed words, and injected failures
 * ({@code fail_status}, for the first {@code fail_first} requests, or for all when absent).
 * Independently, a model named {@code error-<status>} always fails with that status.
 */
public record MockSettings(Duration latency, Duration chunkDelay, int failStatus, long failFirst) {

    public static final MockSettings DEFAULT = new MockSettings(Duration.ZERO, Duration.ZERO, 0, 0);

    public static MockSettings fromOptions(Map<String, Object> options) {
        int failStatus = (int) number(options, "fail_status", 0);
        return new MockSettings(
                Duration.ofMillis(number(options, "latency_ms", 0)),
                Duration.ofMillis(number(options, "chunk_delay_ms", 0)),
                failStatus,
                number(options, "fail_first", failStatus == 0 ? 0 : Long.MAX_VALUE));
    }

    private static long number(Map<String, Object> options, String key, long fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mock option '" + key + "' must be a whole number, not '" + value + "'");
        }
    }
}
