package io.keyroute.routing.strategy;

import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.Candidate;
import io.keyroute.routing.TierMap;
import io.keyroute.routing.complexity.Complexity;
import java.util.Comparator;
import java.util.List;

/**
 * The tier the request's complexity calls for first (cheapest first within it; for ADVANCED,
 * reasoning models before others), then the nearest tiers, a step up before a step down so a
 * hard request is not handed to a weaker model while a stronger one is there. Models without
 * catalog data, and specialized ones, come last.
 */
final class ComplexityStrategy implements Strategy {
    private static final int UNKNOWN = 1_000;

    @Override
    public Ordering order(List<Candidate> eligible, StrategyContext context) {
        Complexity level = context.classification().complexity();
        Tier wanted = context.route().tierMap().tierFor(level);
        boolean reasoning = TierMap.wantsReasoning(level);
        Comparator<Candidate> order = Comparator.<Candidate>comparingInt(c -> distance(c, wanted))
                .thenComparingInt(c -> reasoning && !c.info().map(i -> i.has(Capability.REASONING)).orElse(false) ? 1 : 0)
                .thenComparingDouble(c -> CostStrategy.cost(c, context))
                .thenComparingInt(Candidate::position);
        List<Candidate> sorted = eligible.stream().sorted(order).toList();
        return new Ordering(sorted, why(sorted.getFirst(), wanted, reasoning));
    }

    /** 0 for the wanted tier, then one up (1), one down (2), two up (3), two down (4). */
    static int distance(Candidate c, Tier wanted) {
        if (c.info().isEmpty() || c.info().get().tier() == null || c.info().get().tier() == Tier.SPECIALIZED) {
            return UNKNOWN;
        }
        int delta = c.info().get().tier().rank() - wanted.rank();
        return delta >= 0 ? Math.max(0, 2 * delta - 1) : -2 * delta;
    }

    private static String why(Candidate first, Tier wanted, boolean reasoning) {
        if (first.info().isEmpty() || first.info().get().tier() == null) {
            return "no candidate has a catalog tier, so configured order";
        }
        ModelInfo info = first.info().get();
        String tierWords = wanted.configName() + " tier" + (reasoning ? " with reasoning" : "");
        if (info.tier() == wanted) {
            return tierWords + ": " + first.target().qualified() + " is the cheapest fit";
        }
        return "no " + tierWords + " candidate left, so the nearest: " + first.target().qualified()
                + " (" + info.tier().configName() + ")";
    }
}
