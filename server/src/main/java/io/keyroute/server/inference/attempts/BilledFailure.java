package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.usage.Charge;

/**
 * An attempt failed before anything reached the caller, but after the provider accepted it (e.g. a
 * stream that broke off, an answer that could not be read): the provider bills it, so the runner
 * counts its {@link Charge} (reported, or a bound) in the request's one record while it fails over
 * as for any {@link UpstreamError}.
 */
public final class BilledFailure extends RuntimeException {
    private final transient UpstreamError error;
    private final transient Charge charge;

    public BilledFailure(UpstreamError error, Charge charge) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.charge = charge;
    }

    public UpstreamError error() {
        return error;
    }

    public Charge charge() {
        return charge;
    }
}
