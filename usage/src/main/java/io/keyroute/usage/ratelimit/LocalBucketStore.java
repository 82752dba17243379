package io.keyroute.usage.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Buckets in this process, in a bounded cache. A bucket left idle for {@link #IDLE} is dropped:
 * by then it has refilled (unless a request far beyond the limit left it that deep in debt).
 */
public final class LocalBucketStore implements BucketStore {
    static final Duration IDLE = Duration.ofMinutes(10);

    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** @param maxBuckets how many buckets to keep at most (two per key with both limits) */
    public LocalBucketStore(TimeMeter time, long maxBuckets) {
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(IDLE).build();
    }

    @Override
    public Bucket bucket(String name, long perMinute) {
        return buckets.get(BucketStore.id(name, perMinute), id -> Bucket.builder()
                .addLimit(BucketStore.perMinute(perMinute))
                .withCustomTimePrecision(time)
                .build());
    }
}
