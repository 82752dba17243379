package io.keyroute.usage.ratelimit;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import io.keyroute.usage.ratelimit.BucketStore.BucketId;
import io.keyroute.usage.ratelimit.BucketStore.Shortfall;

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
     * @throws LimitExceeded when a bucket cannot pay; nothing is then taken (the store takes both or neither)
     */
    public Taken admit(String keyId, Integer rpm, Integer tpm, Needs needs) {
        long estimate = tpm == null ? 0 : TokenEstimate.of(needs, tpm);
        if (tpm != null && estimate > tpm) {
            throw new LimitExceeded(CODE, "This request needs about " + estimate + " tokens, more than this key's limit of "
                    + tpm + " tokens per minute.", null);
        }
        BucketId requests = rpm == null ? null : new BucketId("rpm:" + keyId, rpm);
        BucketId tokens = tpm == null ? null : new BucketId("tpm:" + keyId, tpm);
        Shortfall shortfall = store.take(requests, tokens, estimate);
        if (shortfall != null) {
            String limit = shortfall.bucket().equals(requests) ? rpm + " requests per minute"
                    : tpm + " tokens per minute (this request needs about " + estimate + ")";
            throw new LimitExceeded(CODE, "Rate limit reached for this key: " + limit + ".", shortfall.retryAfter());
        }
        return new Taken(store, requests, tokens, estimate);
    }
}
