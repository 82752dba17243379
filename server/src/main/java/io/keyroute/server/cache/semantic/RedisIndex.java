package io.keyroute.server.cache.semantic;

import com.github.benmanes.caffeine.cache.Cache;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Vectors in Redis, shared by every replica, for a Redis without vector search (7.0 has neither RediSearch nor
 * vector sets): one list per partition, newest first, each entry its expiry, its answer key and its vector as
 * little-endian float32, and a version the list's every add increments. Adding is one script (push, trim to
 * {@code maxEntries}, count, expire both with the newest entry), atomic. A look-up compares here, in this process,
 * on a copy of the list ({@link VectorList}, bounded like the in-process index): one script answers the version
 * and only the entries added since the copy's (the whole list when the copy is too old or absent), so a look-up
 * reads the partition's vectors once per replica, not every time. Reading them every time cost 39 ms per look-up
 * for 1000 vectors of 1536 dimensions (6 MB); a scan in Lua would hold Redis for every caller while it unpacks
 * floats one by one.
 */
public final class RedisIndex implements VectorIndex {
    private static final String ADD = """
            if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SET', KEYS[2], ARGV[4]) end
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return 1
            """;
    /** The version, the list's length, whether the entries are the whole list, and the entries (newest first). */
    private static final String SINCE = """
            local version = tonumber(redis.call('GET', KEYS[2]) or '-1')
            local length = redis.call('LLEN', KEYS[1])
            local held = tonumber(ARGV[1])
            if version == held then return {version, length, 0, {}} end
            local newer = version - held
            if held < 0 or newer < 0 or newer >= length then
                return {version, length, 1, redis.call('LRANGE', KEYS[1], 0, -1)}
            end
            return {version, length, 0, redis.call('LRANGE', KEYS[1], 0, newer - 1)}
            """;
    /** Longer is no answer key the exact cache made (those are hashes); its length must fit the entry's two bytes. */
    private static final int MAX_ANSWER_KEY = 1024;
    /** A look-up or an add that takes longer fails (no look-up) instead of holding the request. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** A new list's first version: random, so a copy of an expired list of the same name never looks current. */
    private static final long FIRST_VERSIONS = 1L << 48;

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;
    private final String prefix;
    private final Clock clock;
    private final Cache<String, Copy> copies;
    private final String addDigest;
    private final String sinceDigest;

    /** A partition's list as this replica last read it. */
    private static final class Copy {
        final VectorList vectors = new VectorList();
        long version = -1;
    }

    /**
     * @param prefix    begins every key, e.g. {@code keyroute:semantic:} (tests use their own)
     * @param maxFloats the bound of the copies kept here, as the in-process index's
     */
    public RedisIndex(String redisUrl, String prefix, long maxFloats, Clock clock) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        connection.setTimeout(TIMEOUT);
        this.redis = connection.sync();
        this.prefix = prefix;
        this.clock = clock;
        this.copies = MemoryIndex.weighedByFloats(maxFloats, (Copy copy) -> copy.vectors.weight());
        this.addDigest = redis.digest(ADD.getBytes(StandardCharsets.UTF_8));
        this.sinceDigest = redis.digest(SINCE.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<SimilarAnswer> nearest(String partition, float[] unit, double minSimilarity) {
        Copy copy = copies.get(partition, k -> new Copy());
        synchronized (copy) {
            List<Object> since = run(SINCE, sinceDigest, ScriptOutputType.MULTI, partition, ascii(copy.version));
            long length = (Long) since.get(1);
            if ((Long) since.get(2) == 1) {
                copy.vectors.clear();
            }
            @SuppressWarnings("unchecked")
            List<byte[]> entries = (List<byte[]>) since.get(3);
            long now = clock.millis();
            for (int i = entries.size() - 1; i >= 0; i--) { // oldest first
                copy.vectors.add(entry(entries.get(i)), (int) length, now);
            }
            copy.version = (Long) since.get(0);
        }
        copies.put(partition, copy); // weighed again with what it now holds
        return copy.vectors.nearest(unit, minSimilarity, clock.millis());
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
        run(ADD, addDigest, ScriptOutputType.INTEGER, partition, entry.array(), ascii(maxEntries), ascii(ttl.toMillis()),
                ascii(ThreadLocalRandom.current().nextLong(FIRST_VERSIONS)));
    }

    private static VectorList.Entry entry(byte[] stored) {
        ByteBuffer entry = ByteBuffer.wrap(stored);
        long expiresAt = entry.getLong();
        byte[] answerKey = new byte[entry.getShort() & 0xffff];
        entry.get(answerKey);
        return new VectorList.Entry(Vectors.floats(entry.slice()), new String(answerKey, StandardCharsets.UTF_8),
                expiresAt);
    }

    /** Runs {@code script} on the partition's list and version, by digest (sent whole when Redis lost it). */
    private <T> T run(String script, String digest, ScriptOutputType type, String partition, byte[]... args) {
        byte[][] keys = {key(partition, ""), key(partition, ":v")};
        try {
            return redis.evalsha(digest, type, keys, args);
        } catch (RedisNoScriptException notLoaded) { // first use, Redis restarted, or its scripts were flushed
            return redis.eval(script.getBytes(StandardCharsets.UTF_8), type, keys, args);
        }
    }

    /**
     * Partitions are hashes (hex): a key never carries a workspace's name or a prompt. The braces keep a list and
     * its version in one Redis Cluster slot, as a script's keys must be.
     */
    private byte[] key(String partition, String suffix) {
        return (prefix + "{" + partition + "}" + suffix).getBytes(StandardCharsets.UTF_8);
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
