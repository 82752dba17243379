package io.keyroute.routing;

import io.keyroute.catalog.Needs;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.complexity.Classification;
import java.util.List;

/**
 * Everything routing decided for one request, for {@code POST /api/v1/route/explain}; the
 * {@link #plan()} is what the server executes.
 *
 * @param route    the route's name, or null for a direct model request
 * @param strategy the route's strategy, or {@code direct}
 * @param tier     the tier the complexity calls for (complexity strategy only), else null
 * @param ordered  the targets to try, in order, with their estimates
 * @param skipped  targets left out, with reasons
 */
public record RouteDecision(String requested, String route, String strategy, Classification classification,
                            Tier tier, Needs needs, List<Estimate> ordered, List<Skip> skipped, String reason) {

    public RouteDecision {
        ordered = List.copyOf(ordered);
        skipped = List.copyOf(skipped);
    }

    /** One target to try: its catalog tier and cost estimate where known. */
    public record Estimate(Target target, Tier tier, Double estimatedUsd) {
    }

    public Target chosen() {
        return ordered.getFirst().target();
    }

    public RoutePlan plan() {
        return new RoutePlan(ordered.stream().map(Estimate::target).toList(), reason);
    }
}
