package io.keyroute.usage.ratelimit;

import io.keyroute.usage.ratelimit.BucketStore.BucketId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What an admitted request took from its key's buckets: one request, and its estimated tokens.
 * Exactly one of {@link #settle} or {@link #release} is called. Neither waits for the store: the
 * stage they return only tells whether the correction arrived, for the caller to log.
 */
public final class Taken {
    private static final CompletionStage<Void> NOTHING = CompletableFuture.completedStage(null);

    private final BucketStore store;
    private final BucketId requests;
    private final BucketId tokens;
    private final long estimate;

    /**
     * @param requests the key's requests bucket, or null when it has no rpm
     * @param tokens   the key's tokens bucket, or null when it has no tpm
     */
    Taken(BucketStore store, BucketId requests, BucketId tokens, long estimate) {
        this.store = store;
        this.requests = requests;
        this.tokens = tokens;
        this.estimate = estimate;
    }

    /**
     * The request ran and used {@code actualTokens}: the tokens bucket gets back what the
     * estimate overcharged, or is charged the rest, even below zero, so the limit holds to the
     * tokens really used (a key in debt waits until the refill has paid it off).
     */
    public CompletionStage<Void> settle(long actualTokens) {
        if (tokens == null || actualTokens == estimate) {
            return NOTHING;
        }
        return store.correct(null, tokens, estimate - actualTokens);
    }

    /** The request never ran: everything goes back. */
    public CompletionStage<Void> release() {
        return store.correct(requests, tokens, estimate);
    }

    /** The tokens charged at admission. */
    public long estimate() {
        return estimate;
    }
}
