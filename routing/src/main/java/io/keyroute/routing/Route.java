package io.keyroute.routing;

import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.complexity.Complexity;
import java.util.List;
import java.util.Map;

/**
 * A model name clients may ask for: candidates ordered by {@code strategy}, then fallbacks.
 *
 * @param weights for {@code weighted}: each candidate's share; absent means 0
 * @param tiers   for {@code complexity}: overrides of {@link TierMap#DEFAULT}, per level
 */
public record Route(String name, String strategy, List<Target> candidates, List<Target> fallback,
                    Map<Target, Integer> weights, Map<Complexity, Tier> tiers) {
    public Route {
        candidates = List.copyOf(candidates);
        fallback = List.copyOf(fallback);
        weights = Map.copyOf(weights);
        tiers = Map.copyOf(tiers);
    }

    public Route(String name, String strategy, List<Target> candidates, List<Target> fallback) {
        this(name, strategy, candidates, fallback, Map.of(), Map.of());
    }

    public TierMap tierMap() {
        return TierMap.DEFAULT.with(tiers);
    }
}
