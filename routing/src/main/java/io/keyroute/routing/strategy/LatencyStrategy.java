package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Fastest recent median first. Candidates not yet measured go first (in configured order), so
 * a new or recovered candidate gets measured instead of being starved by an early favourite.
 */
final class LatencyStrategy implements Strategy {
    @Override
    public Ordering order(List<Candidate> eligible, StrategyContext context) {
        Comparator<Candidate> byP50 = Comparator.comparingLong(c -> p50(c, context).orElse(-1));
        List<Candidate> sorted = eligible.stream().sorted(byP50.thenComparingInt(Candidate::position)).toList();
        OptionalLong best = p50(sorted.getFirst(), context);
        String why = best.isPresent()
                ? "lowest recent p50 latency (" + best.getAsLong() + " ms)"
                : "no latency measured yet for " + sorted.getFirst().target().qualified() + ", so it is tried to learn";
        return new Ordering(sorted, why);
    }

    private static OptionalLong p50(Candidate c, StrategyContext context) {
        return context.state().p50Millis(c.target());
    }
}
