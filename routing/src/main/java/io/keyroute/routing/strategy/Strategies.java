package io.keyroute.routing.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every routing strategy, by the name a route's config gives it. The one list of strategy names:
 * the config validator asks it rather than keeping its own copy. Strategies are stateless, so each
 * is shared.
 */
public final class Strategies {
    private static final Map<String, Strategy> BY_NAME = byName();

    private Strategies() {
    }

    /** The strategy a route's config names (any case), if there is one. */
    public static Optional<Strategy> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The config names, in the order the docs list them: complexity, cost, latency, weighted, fallback. */
    public static List<String> configNames() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static Map<String, Strategy> byName() {
        var byName = new LinkedHashMap<String, Strategy>();
        byName.put("complexity", new ComplexityStrategy());
        byName.put("cost", new CostStrategy());
        byName.put("latency", new LatencyStrategy());
        byName.put("weighted", new WeightedStrategy());
        byName.put("fallback", new FallbackStrategy());
        return byName;
    }
}
