package io.keyroute.routing.strategy;

import io.keyroute.catalog.Needs;
import io.keyroute.routing.Route;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.complexity.Classification;

/**
 * What a strategy may look at besides the candidates.
 *
 * @param stickyKey who is asking (user, else key), so weighted splits keep a caller on one arm
 */
public record StrategyContext(Route route, Classification classification, Needs needs, RoutingState state,
                              String stickyKey) {
}
