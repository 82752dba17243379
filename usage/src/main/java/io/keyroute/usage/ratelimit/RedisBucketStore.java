package io.keyroute.usage.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.keyroute.usage.redis.LuaScript;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Buckets in Redis, shared by every replica. Taking is one Lua script, one round trip that Redis
 * runs atomically: it refills both of a key's buckets to this instant, takes one request and the
 * tokens, both or neither, and otherwise answers which bucket refused and when it will have enough
 * ({@code bucket.lua} holds the arithmetic: exact integers, tokens scaled by 60,000). A correction
 * (settle, release) is another script, sent without waiting: the request never waits for it, and
 * since one connection carries every command in order, the key's next take still sees it.
 *
 * <p>Time is this replica's clock, passed to the script (so tests move it by hand): replicas'
 * clocks must agree (NTP). One that lags refills nothing until its clock reaches the bucket's
 * time; one that runs ahead refills the buckets it touches early, by as much as it is ahead.
 * A bucket's key expires once it would have refilled, plus {@link #KEEP_AFTER_REFILL}, so idle
 * keys leave nothing behind.
 *
 * <p>Corrections are sent one command each, not summed per bucket over a few milliseconds: giving
 * back is capped at the bucket's size, so a give-back and a charge do not commute, and a held-back
 * correction would be missed by the key's next take, which the in-process store never misses.
 */
public final class RedisBucketStore implements BucketStore {
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for corrections still on their way. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);
    private static final String KEEP = String.valueOf(KEEP_AFTER_REFILL.toMillis());

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final TimeMeter time;
    private final LuaScript take;
    private final LuaScript correct;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param prefix put before every bucket's name in Redis (tests use a random one of their own)
     * @param time   this replica's clock; replicas' clocks must agree (NTP)
     */
    public RedisBucketStore(String redisUrl, String prefix, TimeMeter time) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
        connection.setTimeout(REQUEST_TIMEOUT);
        this.prefix = prefix;
        this.time = time;
        // Loaded now, so the first correction is not a NOSCRIPT answered by an EVAL sent after the next take.
        this.take = new LuaScript(connection, ScriptOutputType.MULTI, RedisBucketStore.class, "bucket.lua", "take.lua");
        this.correct = new LuaScript(connection, ScriptOutputType.INTEGER, RedisBucketStore.class, "bucket.lua",
                "correct.lua");
    }

    @Override
    public Shortfall take(BucketId requests, BucketId tokenBucket, long tokens) {
        if (requests == null && tokenBucket == null) {
            return null;
        }
        List<Long> answer = take.eval(keys(requests, tokenBucket), args(requests, tokenBucket, tokens));
        long refused = answer.get(0);
        if (refused == 0) {
            return null;
        }
        return new Shortfall(refused == 1 ? requests : tokenBucket, Duration.ofMillis(answer.get(1)));
    }

    @Override
    public CompletionStage<Void> correct(BucketId requests, BucketId tokenBucket, long tokens) {
        if (requests == null && (tokenBucket == null || tokens == 0)) {
            return DONE;
        }
        var sent = new CompletableFuture<Void>();
        pending.incrementAndGet();
        correct.<Long>evalAsync(keys(requests, tokenBucket), args(requests, tokenBucket, tokens), (answer, failure) -> {
            pending.decrementAndGet();
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(null);
            }
        });
        return sent;
    }

    /** Corrections still on their way are sent first, waiting at most {@link #DRAIN_TIMEOUT}. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        connection.close();
        client.shutdown();
    }

    /** Both keys always, so the scripts' KEYS line up; a bucket that is not there is never touched. */
    private String[] keys(BucketId requests, BucketId tokenBucket) {
        String requestsKey = requests == null ? null : key(requests);
        String tokensKey = tokenBucket == null ? null : key(tokenBucket);
        return new String[] {requestsKey == null ? tokensKey : requestsKey, tokensKey == null ? requestsKey : tokensKey};
    }

    private String key(BucketId bucket) {
        return prefix + "bucket:" + bucket.id();
    }

    private String[] args(BucketId requests, BucketId tokenBucket, long tokens) {
        return new String[] {String.valueOf(time.currentTimeNanos() / 1_000_000), KEEP,
                requests == null ? "0" : String.valueOf(requests.perMinute()),
                tokenBucket == null ? "0" : String.valueOf(tokenBucket.perMinute()), String.valueOf(tokens)};
    }
}
