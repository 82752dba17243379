package io.keyroute.server.cache.semantic;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Vectors in Redis, shared by every replica, for a Redis without vector search (7.0 has neither RediSearch nor
 * vector sets): one list per partition, newest first, each entry its expiry, its answer key and its vector as
 * little-endian float32. Adding is one script (push, trim to {@code maxEntries}, expire the list with its newest
 * entry), atomic; a look-up reads the partition's list (bounded by that trim) and compares here, in this process:
 * a scan in Lua would hold Redis for every caller while it unpacks floats one by one.
 */
public final class RedisIndex implements VectorIndex {
    private static final String ADD = """
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """;
    /** A look-up or an add that takes longer fails (no look-up) instead of holding the request. */
    /** Longer is no answer key the exact cache made (those are hashes); its length must fit the entry's two bytes. */
    private static final int MAX_ANSWER_KEY = 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;
    private final String prefix;
    private final Clock clock;
    private final String addDigest;

    /** @param prefix begins every key, e.g. {@code keyroute:semantic:} (tests use their own) */
    public RedisIndex(String redisUrl, String prefix, Clock clock) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        connection.setTimeout(TIMEOUT);
        this.redis = connection.sync();
        this.prefix = prefix;
        this.clock = clock;
        this.addDigest = redis.scriptLoad(ADD.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<SimilarAnswer> nearest(String partition, float[] unit, double minSimilarity) {
        long now = clock.millis();
        SimilarAnswer best = null;
        for (byte[] stored : redis.lrange(key(partition), 0, -1)) {
            ByteBuffer entry = ByteBuffer.wrap(stored);
            long expiresAt = entry.getLong();
            byte[] answerKey = new byte[entry.getShort() & 0xffff];
            entry.get(answerKey);
            double similarity = Vectors.cosine(unit, Vectors.floats(entry.slice()));
            if (expiresAt > now && similarity >= minSimilarity && (best == null || similarity > best.similarity())) {
                best = new SimilarAnswer(new String(answerKey, StandardCharsets.UTF_8), similarity);
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public void add(String partition, float[] unit, String answerKey, Duration ttl, int maxEntries) {
        byte[] answer = answerKey.getBytes(StandardCharsets.UTF_8);
        if (answer.length > MAX_ANSWER_KEY) {
            return; // not an answer key the exact cache made
        }
        byte[] vector = Vectors.bytes(unit);
        ByteBuffer entry = ByteBuffer.allocate(Long.BYTES + Short.BYTES + answer.length + vector.length)
                .putLong(clock.millis() + ttl.toMillis()).putShort((short) answer.length).put(answer).put(vector);
        byte[][] keys = {key(partition)};
        byte[][] args = {entry.array(), ascii(maxEntries), ascii(ttl.toMillis())};
        try {
            redis.evalsha(addDigest, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException flushed) { // Redis restarted or its scripts were flushed
            redis.eval(ADD.getBytes(StandardCharsets.UTF_8), ScriptOutputType.INTEGER, keys, args);
        }
    }

    /** Partitions are hashes (hex): a key never carries a workspace's name or a prompt. */
    private byte[] key(String partition) {
        return (prefix + partition).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String describe() {
        return "in Redis";
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
