package io.keyroute.routing;

import io.keyroute.catalog.Tier;
import io.keyroute.routing.complexity.Complexity;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which tier serves which complexity. The default is SIMPLE→budget, MODERATE→mid,
 * COMPLEX→premium, ADVANCED→premium (with reasoning preferred); a route may override levels.
 */
public record TierMap(Map<Complexity, Tier> tiers) {
    public static final TierMap DEFAULT = new TierMap(Map.of(
            Complexity.SIMPLE, Tier.BUDGET,
            Complexity.MODERATE, Tier.MID,
            Complexity.COMPLEX, Tier.PREMIUM,
            Complexity.ADVANCED, Tier.PREMIUM));

    public TierMap {
        tiers = Map.copyOf(tiers);
    }

    public TierMap with(Map<Complexity, Tier> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        var merged = new EnumMap<Complexity, Tier>(tiers);
        merged.putAll(overrides);
        return new TierMap(merged);
    }

    public Tier tierFor(Complexity complexity) {
        return tiers.get(complexity);
    }

    /** ADVANCED work goes to a model that reasons, where one is offered. */
    public static boolean wantsReasoning(Complexity complexity) {
        return complexity == Complexity.ADVANCED;
    }

    /** Whether a harder level never maps to a lower tier: what the config validator requires. */
    public boolean monotonic() {
        Tier previous = null;
        for (Complexity c : Complexity.values()) {
            Tier tier = tierFor(c);
            if (!tier.general() || previous != null && tier.rank() < previous.rank()) {
                return false;
            }
            previous = tier;
        }
        return true;
    }
}
