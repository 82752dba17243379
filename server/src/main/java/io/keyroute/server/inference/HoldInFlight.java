package io.keyroute.server.inference;

import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.limits.InFlightLimits;

/** The first step: the request's in-flight pass, which later steps fill (a slot, body bytes) and this one gives back. */
final class HoldInFlight implements Step {
    private final InFlightLimits limits;

    HoldInFlight(InFlightLimits limits) {
        this.limits = limits;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        // The pass is given back only after the request's record is made, failed or not: a drain waits for it.
        try (var pass = limits.open()) {
            exchange.hold(pass);
            return exchange.proceed();
        }
    }
}
