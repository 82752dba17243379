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

    /**
     * What a settle with {@code actualMicros} adds to each counter: at most what was reserved. The
     * reservation is an upper bound of the request's cost, so anything above it is a count the
     * gateway does not believe (a caller-supplied upstream reporting 10^9 tokens), and one request
     * must not drain a budget that others share.
     */
    public long charged(long actualMicros) {
        return Math.min(actualMicros, amountMicros);
    }

    /** The same holds, lasting until {@code until} (a stream still running renews them). */
    public Reservation until(Instant until) {
        return new Reservation(requestId, lines, amountMicros, until);
    }
}
