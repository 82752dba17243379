package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Orders a route's eligible candidates, best first, and says why the first one leads. */
public interface Strategy {

    Ordering order(List<Candidate> eligible, StrategyContext context);

    /** The strategy a route's config names: complexity, cost, latency, weighted or fallback. */
    static Optional<Strategy> named(String name) {
        return Optional.ofNullable(switch (name.toLowerCase(Locale.ROOT)) {
            case "complexity" -> new ComplexityStrategy();
            case "cost" -> new CostStrategy();
            case "latency" -> new LatencyStrategy();
            case "weighted" -> new WeightedStrategy();
            case "fallback" -> new FallbackStrategy();
            default -> null;
        });
    }
}
