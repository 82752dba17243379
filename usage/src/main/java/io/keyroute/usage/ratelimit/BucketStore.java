package io.keyroute.usage.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where a key's two token buckets live: in this process, or in Redis for every replica. A bucket
 * holds {@code perMinute} tokens and refills them greedily (continuously, {@code perMinute} per
 * minute), as OpenAI's own limits behave: after a burst, capacity comes back a little at a time
 * rather than all at once at the top of the minute. A bucket the store does not have starts full.
 */
public interface BucketStore extends AutoCloseable {

    /**
     * Takes one request from {@code requests} and {@code tokens} from {@code tokenBucket}: both or
     * neither. A null bucket is no limit.
     *
     * @return null when both were taken; else the first bucket that could not pay (the requests
     *         bucket before the tokens bucket) and how long until it could
     */
    Shortfall take(BucketId requests, BucketId tokenBucket, long tokens);

    /**
     * Gives one request back to {@code requests} (when not null) and adds {@code tokens} to
     * {@code tokenBucket} (when not null): a positive amount is given back, never filling a bucket
     * beyond its size; a negative one is charged, even below zero (a bucket in debt refuses until
     * the refill has paid it off). The caller need not wait: the Redis store sends it without
     * waiting, and a failure (logged by the caller) only completes the stage exceptionally.
     */
    CompletionStage<Void> correct(BucketId requests, BucketId tokenBucket, long tokens);

    @Override
    default void close() {
    }

    /**
     * A bucket: its name and size. The size is part of its identity, so a key whose limit changed
     * starts a fresh bucket at the new size.
     */
    record BucketId(String name, long perMinute) {
        public BucketId {
            if (perMinute <= 0) {
                throw new IllegalArgumentException("a bucket holds at least one token: " + perMinute);
            }
        }

        /** The bucket's name and size in one string, e.g. {@code rpm:key_1:60}. */
        public String id() {
            return name + ":" + perMinute;
        }
    }

    /** A bucket that could not pay, and how long until its refill lets it. */
    record Shortfall(BucketId bucket, Duration retryAfter) {
    }
}
