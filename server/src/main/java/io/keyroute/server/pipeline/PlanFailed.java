package io.keyroute.server.pipeline;

import io.keyroute.api.error.GatewayError;

/**
 * No attempt of a plan succeeded: carries what the caller is told and how many attempts were
 * made (for {@code x-keyroute-attempts}).
 */
public final class PlanFailed extends RuntimeException {
    private final transient GatewayError error;
    private final int attempts;

    PlanFailed(GatewayError error, int attempts) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.attempts = attempts;
    }

    public GatewayError error() {
        return error;
    }

    public int attempts() {
        return attempts;
    }
}
