package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.util.List;

/** Orders a route's eligible candidates, best first, and says why the first one leads. {@link Strategies} names them. */
public interface Strategy {

    Ordering order(List<Candidate> eligible, StrategyContext context);
}
