package io.keyroute.server.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Span names of two parts ({@code POST /v1/chat/completions}, {@code chat gpt-4o}), joined once per pair
 * and kept, so a request's spans are named without a string made per request. The pairs come from a
 * small set (methods × routes, operations × models) but a caller names the path and may name a model,
 * so at most {@value #MAX_FIRSTS} first parts are kept and {@value #MAX_PER_FIRST} names for each; past
 * that a name is joined each time.
 */
final class SpanNames {
    static final int MAX_FIRSTS = 32;
    static final int MAX_PER_FIRST = 512;

    private final Map<String, Map<String, String>> names = new ConcurrentHashMap<>();

    /** {@code first + " " + second}. */
    String of(String first, String second) {
        Map<String, String> seconds = names.get(first);
        if (seconds == null && names.size() < MAX_FIRSTS) {
            seconds = names.computeIfAbsent(first, f -> new ConcurrentHashMap<>());
        }
        String name = seconds == null ? null : seconds.get(second);
        if (name != null) {
            return name;
        }
        name = first + " " + second;
        if (seconds != null && seconds.size() < MAX_PER_FIRST) {
            seconds.putIfAbsent(second, name);
        }
        return name;
    }
}
