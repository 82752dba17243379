package io.keyroute.routing;

import java.util.List;

/** A model name clients may ask for that stands for candidates tried in order, then fallbacks. */
public record Route(String name, String strategy, List<Target> candidates, List<Target> fallback) {
    public Route {
        candidates = List.copyOf(candidates);
        fallback = List.copyOf(fallback);
    }
}
