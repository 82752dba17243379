package io.keyroute.routing.health;

import java.time.Duration;

/**
 * When a circuit opens and how it recovers.
 *
 * @param consecutiveFailures open after this many failures in a row
 * @param errorRate           or when this share of the last {@code window} outcomes failed…
 * @param minCalls            …once at least this many outcomes are in the window
 * @param openFor             how long an open circuit refuses calls before probing
 * @param probes              calls let through at once while half-open
 */
public record BreakerSettings(int consecutiveFailures, double errorRate, int window, int minCalls, Duration openFor,
                              int probes) {
    public static final BreakerSettings DEFAULT = new BreakerSettings(5, 0.5, 20, 10, Duration.ofSeconds(30), 1);

    public BreakerSettings {
        if (consecutiveFailures < 1 || window < 1 || minCalls < 1 || minCalls > window || probes < 1
                || errorRate <= 0 || errorRate > 1 || openFor.isNegative()) {
            throw new IllegalArgumentException("invalid breaker settings");
        }
    }
}
