package io.keyroute.routing.health;

import java.util.Arrays;
import java.util.OptionalLong;

/** The last N latencies of one target or provider, and their median. Thread-safe. */
final class LatencyWindow {
    private final long[] millis;
    private int size;
    private int next;

    LatencyWindow(int capacity) {
        this.millis = new long[capacity];
    }

    synchronized void add(long ms) {
        millis[next] = ms;
        next = (next + 1) % millis.length;
        size = Math.min(size + 1, millis.length);
    }

    synchronized OptionalLong p50() {
        if (size == 0) {
            return OptionalLong.empty();
        }
        long[] sorted = Arrays.copyOf(millis, size);
        Arrays.sort(sorted);
        return OptionalLong.of(sorted[(size - 1) / 2]);
    }
}
