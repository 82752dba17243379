package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.UpstreamError;

/**
 * Told what {@link AttemptRunner} does as it does it, so that metrics can count upstream failures,
 * retries and fallbacks without the runner knowing how they are kept. Called on the request's
 * thread: implementations only count.
 */
public interface AttemptListener {
    /** An attempt on {@code providerId} failed with {@code failure}. */
    default void upstreamFailed(String providerId, UpstreamError failure) {
    }

    /** Another attempt on the same target after a retryable failure. */
    default void retried(String providerId) {
    }

    /** The first attempt on a later target after earlier ones failed. */
    default void fellBack(String providerId) {
    }
}
