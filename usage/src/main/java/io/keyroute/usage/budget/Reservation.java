package io.keyroute.usage.budget;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What one request holds: the same {@code amountMicros} (its maximum cost) on every counter that
 * limits it, until it settles or {@code expiresAt} passes (a crashed request's hold lapses).
 * The lines are kept in counter-id order: every store takes its locks in that order.
 */
public record Reservation(String requestId, List<CounterLimit> lines, long amountMicros, Instant expiresAt) {
    public Reservation {
        if (amountMicros < 0) {
            throw new IllegalArgumentException("a reservation cannot be negative");
        }
        lines = lines.stream().sorted(Comparator.comparing(line -> line.counter().id())).toList();
    }
}
