package io.keyroute.routing.strategy;

import io.keyroute.routing.Candidate;
import java.util.List;

/** Candidates in the order to try them, and a clause saying why the first leads. */
public record Ordering(List<Candidate> candidates, String why) {
    public Ordering {
        candidates = List.copyOf(candidates);
    }
}
