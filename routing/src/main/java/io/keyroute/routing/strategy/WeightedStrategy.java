package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A/B splits: the caller's key (user, else Keyroute key) and the route name hash to a point in
 * [0, 1), which picks an arm in proportion to the weights of the eligible arms. The same caller
 * lands on the same arm while the arms stay the same; over many callers the split converges to
 * the weights. The other arms follow by weight, as failover.
 */
final class WeightedStrategy implements Strategy {
    @Override
    public Ordering order(List<Candidate> eligible, StrategyContext context) {
        long total = 0;
        for (Candidate c : eligible) {
            total += weight(c, context);
        }
        List<Candidate> rest = new ArrayList<>(eligible.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> -weight(c, context)).thenComparingInt(Candidate::position))
                .toList());
        if (total == 0) {
            return new Ordering(eligible, "no eligible arm has a weight, so configured order");
        }
        double point = unitHash(context.stickyKey() + "\u0000" + context.route().name()) * total;
        Candidate chosen = eligible.getLast();
        long cumulative = 0;
        for (Candidate c : eligible) {
            cumulative += weight(c, context);
            if (point < cumulative) {
                chosen = c;
                break;
            }
        }
        rest.remove(chosen);
        rest.addFirst(chosen);
        return new Ordering(rest, "weighted split put this caller on " + chosen.target().qualified()
                + " (weight " + weight(chosen, context) + " of " + total + ")");
    }

    private static int weight(Candidate c, StrategyContext context) {
        return Math.max(0, context.route().weights().getOrDefault(c.target(), 0));
    }

    /** A stable, well-mixed hash of {@code key} in [0, 1): FNV-1a over UTF-8, then the SplitMix64 finalizer. */
    static double unitHash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
