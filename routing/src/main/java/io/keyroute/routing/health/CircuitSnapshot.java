package io.keyroute.routing.health;

import java.time.Instant;

/**
 * A breaker's state at one instant.
 *
 * @param errorRate    failures among the recent outcomes in the window, 0 when none
 * @param calls        outcomes in the window
 * @param probeAt      when an open circuit lets a probe through; null unless open
 */
public record CircuitSnapshot(CircuitState state, double errorRate, int calls, int consecutiveFailures,
                              Instant probeAt) {
}
