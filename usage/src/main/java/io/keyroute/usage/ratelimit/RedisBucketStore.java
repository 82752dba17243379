package io.keyroute.usage.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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
 */
public final class RedisBucketStore implements BucketStore {
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> proxies;
    private final String prefix;

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
        return proxies.builder().build(prefix + BucketStore.id(name, perMinute),
                () -> BucketConfiguration.builder().addLimit(BucketStore.perMinute(perMinute)).build());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
