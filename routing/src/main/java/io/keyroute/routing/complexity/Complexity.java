package io.keyroute.routing.complexity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How demanding a request is, in rising order: compare with {@link #compareTo}. */
public enum Complexity {
    SIMPLE, MODERATE, COMPLEX, ADVANCED;

    /** The config spelling (a route's {@code tiers:} keys): {@code simple}, {@code moderate}, … */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level a config names, in any case. */
    public static Optional<Complexity> fromConfig(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Every config spelling, easiest first. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Complexity::configName).toList();
    }
}
