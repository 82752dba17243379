package io.keyroute.server.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers in Redis, shared by every replica: one key per answer under a prefix of its own, its value
 * {@link AnswerCodec}'s bytes (at most {@code maxAnswerBytes}), its time to live Redis's own. A Redis that fails
 * or is slow makes a miss, never a failed request: the cache is an optimisation. Invalidation scans the prefix's
 * keys (SCAN, a page at a time: Redis is never blocked) and deletes those selected.
 */
final class RedisAnswerStore implements AnswerStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAnswerStore.class);
    /** A cache look-up that takes longer than this is slower than asking again is worth waiting on. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    private static final int SCAN_PAGE = 500;

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final String prefix;
    private final long maxAnswerBytes;

    /** @param prefix begins every key, e.g. {@code keyroute:cache:} (tests use their own) */
    RedisAnswerStore(String redisUrl, String prefix, long maxAnswerBytes) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.connection.setTimeout(COMMAND_TIMEOUT);
        this.redis = connection.sync();
        this.prefix = prefix;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    @Override
    public Optional<CachedAnswer> get(String answerKey) {
        byte[] value;
        try {
            value = redis.get(prefix + answerKey);
        } catch (RuntimeException e) {
            failed("read", e);
            return Optional.empty();
        }
        return value == null || value.length > maxAnswerBytes + 1024 ? Optional.empty() : AnswerCodec.decode(value);
    }

    @Override
    public void put(String answerKey, CachedAnswer answer, Duration ttl) {
        if (answer.bytes() > maxAnswerBytes) {
            return;
        }
        try {
            redis.set(prefix + answerKey, AnswerCodec.encode(answer), SetArgs.Builder.px(ttl.toMillis()));
        } catch (RuntimeException e) {
            failed("write", e);
        }
    }

    @Override
    public long remove(AnswerSelection which) {
        ScanArgs matching = ScanArgs.Builder.matches(prefix + AnswerKeys.pattern(which)).limit(SCAN_PAGE);
        long removed = 0;
        KeyScanCursor<String> page = redis.scan(matching);
        while (true) {
            if (!page.getKeys().isEmpty()) {
                removed += redis.del(page.getKeys().toArray(String[]::new));
            }
            if (page.isFinished()) {
                return removed;
            }
            page = redis.scan(ScanCursor.of(page.getCursor()), matching);
        }
    }

    /** The exception's class only: Lettuce's messages may name the server's address. */
    private static void failed(String what, RuntimeException e) {
        LOG.warn("answer cache: a Redis {} failed ({}); served as a miss", what, e.getClass().getSimpleName());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
