package io.keyroute.routing;

import io.keyroute.catalog.Target;

/** What a requested model name stands for: a route, or one model. */
public sealed interface Resolution {

    record ToRoute(Route route) implements Resolution {
    }

    /** @param how a short clause saying how the name was read ("requested directly") */
    record ToModel(Target target, String how) implements Resolution {
    }
}
