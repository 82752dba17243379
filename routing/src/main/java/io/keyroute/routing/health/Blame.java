package io.keyroute.routing.health;

import io.keyroute.api.error.UpstreamError;

/**
 * Whose health a failed attempt speaks about. A refused key (401/403), a spent quota or a rate limit (429) is
 * the credential's; an outage (5xx, connect error, timeout, broken answer) the provider's; a
 * request the provider rejected as wrong (400/404/413/422) says nothing bad about either.
 */
public enum Blame {
    PROVIDER, CREDENTIAL, NONE;

    public static Blame of(UpstreamError failure) {
        if (failure.credentialRejected() || failure.quotaExhausted() || failure.upstreamStatus() == 429) {
            return CREDENTIAL;
        }
        if (failure.kind() == UpstreamError.Kind.STATUS && !failure.retryable() && failure.upstreamStatus() < 500) {
            return NONE;
        }
        return PROVIDER;
    }
}
