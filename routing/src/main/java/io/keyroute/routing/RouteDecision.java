package io.keyroute.routing;

import io.keyroute.catalog.Needs;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.complexity.Classification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * This decision with {@code target} tried first and {@code why} before the reason, the rest in
     * their order; empty when the plan does not hold {@code target} (it was left out or is not a
     * candidate), so nothing this decision ruled out is ever brought back.
     */
    public Optional<RouteDecision> first(Target target, String why) {
        return ordered.stream().filter(e -> e.target().equals(target)).findFirst().map(e -> led(e, why));
    }

    /**
     * This decision with {@code lead} tried first (taken from its place when the plan holds it, no
     * longer listed as skipped) and {@code why} before the reason, the rest in their order.
     */
    public RouteDecision led(Estimate lead, String why) {
        var reordered = new ArrayList<Estimate>(ordered.size() + 1);
        reordered.add(lead);
        ordered.stream().filter(e -> !e.target().equals(lead.target())).forEach(reordered::add);
        return new RouteDecision(requested, route, strategy, classification, tier, needs, reordered,
                skipped.stream().filter(s -> !s.target().equals(lead.target())).toList(), why + " " + reason);
    }

    /** This decision with {@code sentence} after its reason. */
    public RouteDecision noted(String sentence) {
        return new RouteDecision(requested, route, strategy, classification, tier, needs, ordered, skipped,
                reason + " " + sentence);
    }

    /**
     * This decision with {@code dropped}'s targets taken out of the plan and listed as skipped, the
     * rest in their order; the chosen target cannot be dropped, so the plan is never empty.
     */
    public RouteDecision without(List<Skip> dropped) {
        if (dropped.isEmpty()) {
            return this;
        }
        var kept = new ArrayList<Estimate>(ordered.size());
        kept.add(ordered.getFirst());
        for (Estimate e : ordered.subList(1, ordered.size())) {
            if (dropped.stream().noneMatch(s -> s.target().equals(e.target()))) {
                kept.add(e);
            }
        }
        var allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(dropped);
        return new RouteDecision(requested, route, strategy, classification, tier, needs, kept, allSkipped, reason);
    }

    /** Why {@code target} was left out, if it was. */
    public Optional<Skip> skipOf(Target target) {
        return skipped.stream().filter(s -> s.target().equals(target)).findFirst();
    }

    public RoutePlan plan() {
        return new RoutePlan(ordered.stream().map(Estimate::target).toList(), reason);
    }
}
