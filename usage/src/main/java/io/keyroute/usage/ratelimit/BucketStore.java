package io.keyroute.usage.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Where the token buckets live: in this process, or in Redis for every replica. A bucket holds
 * {@code perMinute} tokens and refills them greedily (continuously, {@code perMinute} per minute),
 * as OpenAI's own limits behave: after a burst, capacity comes back a little at a time rather
 * than all at once at the top of the minute.
 */
public interface BucketStore extends AutoCloseable {

    /**
     * The bucket {@code name} for a limit of {@code perMinute}. The limit is part of the bucket's
     * identity, so a key whose limit changed starts a fresh bucket at the new size.
     */
    Bucket bucket(String name, long perMinute);

    @Override
    default void close() {
    }

    static Bandwidth perMinute(long limit) {
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build();
    }

    /** The identity of a bucket: its name and size. */
    static String id(String name, long perMinute) {
        return name + ":" + perMinute;
    }
}
