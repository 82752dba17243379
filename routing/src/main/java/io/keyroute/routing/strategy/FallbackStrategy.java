package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.util.List;

/** The configured order, as written. */
final class FallbackStrategy implements Strategy {
    @Override
    public Ordering order(List<Candidate> eligible, StrategyContext context) {
        return new Ordering(eligible, "first available candidate in configured order");
    }
}
