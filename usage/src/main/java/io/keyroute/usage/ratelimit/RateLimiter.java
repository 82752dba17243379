package io.keyroute.usage.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import java.time.Duration;

/**
 * Requests-per-minute and tokens-per-minute limits of Keyroute keys, one bucket of each kind per
 * key. A refusal is a 429 {@code rate_limited} that says which limit and when to retry.
 */
public final class RateLimiter {
    static final String CODE = "rate_limited";

    private final BucketStore store;

    public RateLimiter(BucketStore store) {
        this.store = store;
    }

    /**
     * Takes one request and the request's {@link TokenEstimate} from the key's buckets.
     *
     * @param rpm requests per minute, null for no limit
     * @param tpm tokens per minute, null for no limit
     * @throws LimitExceeded when a bucket cannot pay; nothing is then taken
     */
    public Taken admit(String keyId, Integer rpm, Integer tpm, Needs needs) {
        long estimate = tpm == null ? 0 : TokenEstimate.of(needs, tpm);
        if (tpm != null && estimate > tpm) {
            throw new LimitExceeded(CODE, "This request needs about " + estimate + " tokens, more than this key's limit of "
                    + tpm + " tokens per minute.", null);
        }
        Bucket requests = rpm == null ? null : store.bucket("rpm:" + keyId, rpm);
        if (requests != null) {
            refuseUnless(requests.tryConsumeAndReturnRemaining(1), rpm + " requests per minute");
        }
        Bucket tokens = tpm == null ? null : store.bucket("tpm:" + keyId, tpm);
        if (tokens != null) {
            ConsumptionProbe paid = tokens.tryConsumeAndReturnRemaining(estimate);
            if (!paid.isConsumed() && requests != null) {
                requests.addTokens(1);
            }
            refuseUnless(paid, tpm + " tokens per minute (this request needs about " + estimate + ")");
        }
        return new Taken(requests, tokens, estimate);
    }

    private static void refuseUnless(ConsumptionProbe probe, String limit) {
        if (!probe.isConsumed()) {
            throw new LimitExceeded(CODE, "Rate limit reached for this key: " + limit + ".",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
