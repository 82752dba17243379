package io.keyroute.usage.ratelimit;

import io.github.bucket4j.Bucket;

/**
 * What an admitted request took from its key's buckets: one request, and its estimated tokens.
 * Exactly one of {@link #settle} or {@link #release} is called.
 */
public final class Taken {
    private final Bucket requests;
    private final Bucket tokens;
    private final long estimate;

    /**
     * @param requests the key's requests bucket, or null when it has no rpm
     * @param tokens   the key's tokens bucket, or null when it has no tpm
     */
    Taken(Bucket requests, Bucket tokens, long estimate) {
        this.requests = requests;
        this.tokens = tokens;
        this.estimate = estimate;
    }

    /**
     * The request ran and used {@code actualTokens}: the tokens bucket gets back what the
     * estimate overcharged, or is charged the rest, even below zero, so the limit holds to the
     * tokens really used (a key in debt waits until the refill has paid it off).
     */
    public void settle(long actualTokens) {
        if (tokens == null || actualTokens == estimate) {
            return;
        }
        if (actualTokens < estimate) {
            tokens.addTokens(estimate - actualTokens);
        } else {
            tokens.consumeIgnoringRateLimits(actualTokens - estimate);
        }
    }

    /** The request never ran: everything goes back. */
    public void release() {
        if (requests != null) {
            requests.addTokens(1);
        }
        if (tokens != null) {
            tokens.addTokens(estimate);
        }
    }

    /** The tokens charged at admission. */
    public long estimate() {
        return estimate;
    }
}
