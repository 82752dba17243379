package io.keyroute.usage.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Buckets in Redis, shared by every replica: each operation is a compare-and-swap of the bucket's
 * state (Bucket4j over Lettuce), timed by this replica's clock. A bucket's key expires once it
 * would have refilled, plus a margin, so idle keys leave nothing behind.
 *
 * <p>One proxy per bucket, kept while it is used, with Bucket4j's batching: concurrent takes on one
 * bucket (a key's parallel requests) go to Redis as one compare-and-swap of a batch instead of each
 * its own, which failed each other's swap and retried (a proxy per request cost +1.26 ms of CPU a
 * request at 16 concurrent requests on one key, docs/PERFORMANCE.md).
 */
public final class RedisBucketStore implements BucketStore {
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** Proxies kept: a bucket unused this long is built again (its state is in Redis, not here). */
    static final Duration KEEP_PROXY = Duration.ofMinutes(10);
    static final int MAX_PROXIES = 100_000;

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> proxies;
    private final String prefix;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(MAX_PROXIES)
            .expireAfterAccess(KEEP_PROXY).executor(Runnable::run).build();

    /**
     * @param prefix put before every bucket's name in Redis (tests use a random one of their own)
     * @param time   this replica's clock; replicas' clocks must agree (NTP), as Bucket4j's client-side time needs
     */
    public RedisBucketStore(String redisUrl, String prefix, TimeMeter time) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
        this.prefix = prefix;
    }

    @Override
    public Bucket bucket(String name, long perMinute) {
        return buckets.get(prefix + BucketStore.id(name, perMinute), key -> proxies.builder()
                .withOptimization(Optimizations.batching())
                .build(key, () -> BucketConfiguration.builder().addLimit(BucketStore.perMinute(perMinute)).build()));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
