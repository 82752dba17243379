package io.keyroute.server.pipeline;

import io.keyroute.api.error.GatewayError;
import io.keyroute.usage.Charge;
import java.util.List;

/**
 * No attempt of a plan succeeded: carries what the caller is told, how many attempts were made
 * (for {@code x-keyroute-attempts}) and what the failed attempts were billed all the same.
 */
public final class PlanFailed extends RuntimeException {
    private final transient GatewayError error;
    private final int attempts;
    private final transient List<Charge> billed;

    PlanFailed(GatewayError error, int attempts, List<Charge> billed) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.attempts = attempts;
        this.billed = List.copyOf(billed);
    }

    public GatewayError error() {
        return error;
    }

    public int attempts() {
        return attempts;
    }

    public List<Charge> billed() {
        return billed;
    }
}
