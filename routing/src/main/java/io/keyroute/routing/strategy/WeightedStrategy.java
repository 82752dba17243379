package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import io.keyroute.routing.StickySplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A/B splits: the caller's key (user, else Keyroute key) and the route name pick an arm in
 * proportion to the weights of the eligible arms ({@link StickySplit}). The same caller lands on
 * the same arm while the arms stay the same; over many callers the split converges to the weights.
 * The other arms follow by weight, as failover.
 */
final class WeightedStrategy implements Strategy {
    @Override
    public Ordering order(List<Candidate> eligible, StrategyContext context) {
        int[] weights = new int[eligible.size()];
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight(eligible.get(i), context);
            total += weights[i];
        }
        if (total == 0) {
            return new Ordering(eligible, "no eligible arm has a weight, so configured order");
        }
        List<Candidate> rest = new ArrayList<>(eligible.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> -weight(c, context)).thenComparingInt(Candidate::position))
                .toList());
        Candidate chosen = eligible.get(StickySplit.pick(context.stickyKey() + "\u0000" + context.route().name(), weights));
        rest.remove(chosen);
        rest.addFirst(chosen);
        return new Ordering(rest, "weighted split put this caller on " + chosen.target().qualified()
                + " (weight " + weight(chosen, context) + " of " + total + ")");
    }

    private static int weight(Candidate c, StrategyContext context) {
        return Math.max(0, context.route().weights().getOrDefault(c.target(), 0));
    }
}
