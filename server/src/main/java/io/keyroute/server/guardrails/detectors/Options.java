package io.keyroute.server.guardrails.detectors;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A guardrail's {@code options:} map read as a type expects it: each read names the option
 * ({@code options.words}) in its error, and options the type does not know are refused, so a typo
 * is an error at config load rather than a check silently not made. Errors name options, never
 * their values (a checker's header may hold a token).
 */
final class Options {
    private final String step;
    private final Map<String, Object> options;

    /** {@code known}: the options this type reads. */
    Options(String step, Map<String, Object> options, Set<String> known) {
        this.step = step;
        this.options = options == null ? Map.of() : options;
        var unknown = new TreeSet<>(this.options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw error("options." + unknown.first(), "is not an option of this type; known: " + new TreeSet<>(known));
        }
    }

    boolean has(String option) {
        return options.get(option) != null;
    }

    List<String> strings(String option) {
        Object value = options.get(option);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error("options." + option, "must be a list of strings");
        }
        var strings = new ArrayList<String>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw error("options." + option, "must be a list of strings");
            }
            strings.add(s);
        }
        return strings;
    }

    String string(String option, String fallback) {
        Object value = options.get(option);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw error("options." + option, "must be a non-empty string");
        }
        return s;
    }

    double number(String option, double fallback, double min, double max) {
        Object value = options.get(option);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw error("options." + option, "must be a number from " + min + " to " + max);
        }
        return n.doubleValue();
    }

    int integer(String option, int fallback, int min, int max) {
        double n = number(option, fallback, min, max);
        if (n != Math.rint(n)) {
            throw error("options." + option, "must be a whole number");
        }
        return (int) n;
    }

    /** An http or https URL. */
    URI url(String option) {
        String value = string(option, null);
        if (value == null) {
            throw error("options." + option, "is required");
        }
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException invalid) {
            // reported below, without the value
        }
        throw error("options." + option, "must be an http or https URL");
    }

    /** A map of string to string, e.g. headers. */
    Map<String, String> stringMap(String option) {
        Object value = options.get(option);
        if (value == null) {
            return Map.of();
        }
        var map = new LinkedHashMap<String, String>();
        if (value instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                    throw error("options." + option, "must map names to strings");
                }
                map.put(k, v);
            }
            return map;
        }
        throw error("options." + option, "must map names to strings");
    }

    /** A map of names to lists of strings, e.g. topics to their keywords. */
    Map<String, List<String>> listMap(String option) {
        Object value = options.get(option);
        if (value == null) {
            return Map.of();
        }
        var map = new LinkedHashMap<String, List<String>>();
        if (value instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof List<?> list)
                        || !list.stream().allMatch(String.class::isInstance)) {
                    throw error("options." + option, "must map names to lists of strings");
                }
                map.put(k, list.stream().map(String.class::cast).toList());
            }
            return map;
        }
        throw error("options." + option, "must map names to lists of strings");
    }

    IllegalArgumentException error(String field, String problem) {
        return new IllegalArgumentException("guardrails." + step + "." + field + " " + problem);
    }
}
