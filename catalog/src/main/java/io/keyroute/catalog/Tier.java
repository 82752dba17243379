package io.keyroute.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How capable (and how dear) a model is. BUDGET &lt; MID &lt; PREMIUM by {@link #rank()};
 * SPECIALIZED models (embeddings and the like) stand outside that order.
 */
public enum Tier {
    BUDGET, MID, PREMIUM, SPECIALIZED;

    /** The config and JSON spelling: {@code budget}, {@code mid}, … */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** BUDGET, MID or PREMIUM: a step on the ladder a route's complexity levels climb (not SPECIALIZED). */
    public boolean general() {
        return this != SPECIALIZED;
    }

    /** 0, 1, 2 for the general tiers; SPECIALIZED ranks above them so it is never a step up from premium. */
    public int rank() {
        return ordinal();
    }

    public static Optional<Tier> fromConfig(String name) {
        for (Tier tier : values()) {
            if (tier.configName().equals(name)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    /** Every config spelling, in declaration order: what a config may write. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Tier::configName).toList();
    }

    /** The config spellings of the {@link #general()} tiers, cheapest first. */
    public static List<String> generalConfigNames() {
        return Arrays.stream(values()).filter(Tier::general).map(Tier::configName).toList();
    }
}
