package io.keyroute.server.pipeline;

import io.keyroute.api.Usage;
import io.keyroute.api.error.UpstreamError;

/**
 * An attempt failed before anything reached the caller, but after the provider reported usage
 * (e.g. a stream that reported tokens, then broke off): the provider bills it, so the runner counts
 * it in the request's one record while it fails over as for any {@link UpstreamError}.
 */
public final class BilledFailure extends RuntimeException {
    private final transient UpstreamError error;
    private final transient Usage usage;

    public BilledFailure(UpstreamError error, Usage usage) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.usage = usage;
    }

    public UpstreamError error() {
        return error;
    }

    public Usage usage() {
        return usage;
    }
}
