package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Cheapest first, by the estimated cost of this request (prompt + expected output at list
 * price); models without a catalog price go last, in configured order. Every candidate here
 * already has the capabilities and room the request needs.
 */
final class CostStrategy implements Strategy {
    @Override
    public Ordering order(List<Candidate> eligible, StrategyContext context) {
        Comparator<Candidate> byCost = Comparator.comparingDouble(c -> cost(c, context));
        List<Candidate> sorted = eligible.stream()
                .sorted(byCost.thenComparingInt(Candidate::position))
                .toList();
        Candidate first = sorted.getFirst();
        String why = Double.isFinite(cost(first, context))
                ? "cheapest capable candidate (~$" + String.format(Locale.ROOT, "%.6f", cost(first, context)) + ")"
                : "no candidate has a catalog price, so configured order";
        return new Ordering(sorted, why);
    }

    /** The estimate, or +∞ for a model without a price, so it sorts last. */
    static double cost(Candidate c, StrategyContext context) {
        return c.info().map(i -> context.needs().estimatedUsd(i).orElse(Double.POSITIVE_INFINITY))
                .orElse(Double.POSITIVE_INFINITY);
    }
}
