package io.keyroute.routing;

import io.keyroute.catalog.Target;
import java.util.List;

/**
 * What to try, in order, and why: the server executes the attempts; {@code reason} is the human
 * sentence sent back in {@code x-keyroute-route-reason}.
 */
public record RoutePlan(List<Target> targets, String reason) {
    public RoutePlan {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one target");
        }
        targets = List.copyOf(targets);
    }
}
