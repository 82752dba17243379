package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.UpstreamError;

/**
 * Hands a successful upstream answer to the caller. It may throw {@link UpstreamError} (or a
 * {@link BilledFailure} when the provider had reported usage) only while nothing has reached the
 * caller yet: the attempt then counts as failed and the next one runs.
 */
@FunctionalInterface
public interface Delivery<T> {
    T deliver(Attempt attempt);
}
