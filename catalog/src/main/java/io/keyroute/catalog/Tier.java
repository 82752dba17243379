package io.keyroute.catalog;

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
}
