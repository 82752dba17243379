package io.keyroute.server.limits;

import io.keyroute.api.error.LimitExceeded;

/**
 * The limits step of the pipeline, between routing and the attempts: rate limits and budget
 * reservations. {@link #admit} either lets the request through, holding what it reserved in the
 * returned {@link Admission}, or refuses it with {@link LimitExceeded} (429 {@code rate_limited}
 * or {@code budget_exceeded}).
 */
@FunctionalInterface
public interface RequestGate {

    /** @throws LimitExceeded when a limit refuses the request; nothing is then held */
    Admission admit(GateRequest request);

    /** Lets everything through (no limits configured, tests). */
    static RequestGate open() {
        return request -> Admission.NONE;
    }

    /**
     * This gate, then {@code next}. When {@code next} refuses, what this gate reserved is released,
     * so a refused request holds nothing.
     */
    default RequestGate then(RequestGate next) {
        RequestGate first = this;
        return request -> {
            Admission held = first.admit(request);
            Admission after;
            try {
                after = next.admit(request);
            } catch (RuntimeException refused) {
                held.release();
                throw refused;
            }
            return held.and(after);
        };
    }
}
