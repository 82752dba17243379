package io.keyroute.benchmarks.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of outcomes by name ("completed", "status 503", "SocketException: Connection reset" …), thread-safe. */
final class Outcomes {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String outcome) {
        counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    long get(String outcome) {
        LongAdder n = counts.get(outcome);
        return n == null ? 0 : n.sum();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Sorted by name, for a stable report. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** An exception as an outcome name: its class and the start of its message (no addresses or keys are in them). */
    static String of(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + (message.length() > 60 ? message.substring(0, 60) : message);
    }
}
