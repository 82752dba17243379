package io.keyroute.usage.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Buckets in this process (Bucket4j's), in a bounded cache. A bucket left idle for {@link #IDLE}
 * is dropped: by then it has refilled (unless a request far beyond the limit left it that deep in
 * debt). Taking from both buckets is two steps here, the request given back when the tokens
 * refuse; another request of the key may see that request missing meanwhile, which no one minds.
 */
public final class LocalBucketStore implements BucketStore {
    static final Duration IDLE = Duration.ofMinutes(10);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** @param maxBuckets how many buckets to keep at most (two per key with both limits) */
    public LocalBucketStore(TimeMeter time, long maxBuckets) {
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(IDLE).build();
    }

    @Override
    public Shortfall take(BucketId requests, BucketId tokenBucket, long tokens) {
        Bucket requestBucket = requests == null ? null : bucket(requests);
        if (requestBucket != null) {
            ConsumptionProbe paid = requestBucket.tryConsumeAndReturnRemaining(1);
            if (!paid.isConsumed()) {
                return shortfall(requests, paid);
            }
        }
        if (tokenBucket != null) {
            ConsumptionProbe paid = bucket(tokenBucket).tryConsumeAndReturnRemaining(tokens);
            if (!paid.isConsumed()) {
                if (requestBucket != null) {
                    requestBucket.addTokens(1);
                }
                return shortfall(tokenBucket, paid);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<Void> correct(BucketId requests, BucketId tokenBucket, long tokens) {
        if (requests != null) {
            bucket(requests).addTokens(1);
        }
        if (tokenBucket != null && tokens > 0) {
            bucket(tokenBucket).addTokens(tokens);
        } else if (tokenBucket != null && tokens < 0) {
            bucket(tokenBucket).consumeIgnoringRateLimits(-tokens);
        }
        return DONE;
    }

    private Bucket bucket(BucketId id) {
        return buckets.get(id.id(), key -> Bucket.builder()
                .addLimit(perMinute(id.perMinute()))
                .withCustomTimePrecision(time)
                .build());
    }

    private static Shortfall shortfall(BucketId bucket, ConsumptionProbe probe) {
        return new Shortfall(bucket, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static Bandwidth perMinute(long limit) {
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build();
    }
}
