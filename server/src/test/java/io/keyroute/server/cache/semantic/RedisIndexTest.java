package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis vector index against the real Redis, as two replicas sharing it: nearest, the bound per partition,
 * expiry, partitions apart, each replica's copy kept current by the entries added since, and what a look-up costs.
 */
class RedisIndexTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final String prefix = "kr-test:semantic:" + UUID.randomUUID() + ":";
    private RedisIndex index;
    private RedisIndex replica;

    @BeforeEach
    void open() {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        index = new RedisIndex(redis.get(), prefix, VectorIndexes.MEMORY_FLOATS, clock);
        replica = new RedisIndex(redis.get(), prefix, VectorIndexes.MEMORY_FLOATS, clock);
    }

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
            replica.close();
        }
    }

    private static float[] unit(float... v) {
        return Vectors.unit(v);
    }

    @Test
    void findsTheNearestAboveTheThresholdInItsPartitionOnly() {
        index.add("p1", unit(1, 0, 0), "x", Duration.ofMinutes(1), 10);
        index.add("p1", unit(1, 1, 0), "xy", Duration.ofMinutes(1), 10);
        index.add("p2", unit(1, 0, 0), "other", Duration.ofMinutes(1), 10);

        Optional<SimilarAnswer> found = replica.nearest("p1", unit(1, 0.1f, 0), 0.9);

        assertThat(found).get().extracting(SimilarAnswer::answerKey).isEqualTo("x");
        assertThat(found.get().similarity()).isCloseTo(0.995, Offset.offset(0.001));
        assertThat(replica.nearest("p1", unit(0, 0, 1), 0.5)).isEmpty();
        assertThat(replica.nearest("p3", unit(1, 0, 0), 0.5)).isEmpty();
    }

    @Test
    void eachReplicaSeesWhatTheOtherAddedSinceItsLastLookUp() {
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.9)).isEmpty(); // an empty copy, held
        index.add("p", unit(1, 0, 0), "a", Duration.ofMinutes(1), 3);
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.9)).get().extracting(SimilarAnswer::answerKey).isEqualTo("a");

        replica.add("p", unit(0, 1, 0), "b", Duration.ofMinutes(1), 3);
        index.add("p", unit(0, 0, 1), "c", Duration.ofMinutes(1), 3);
        index.add("p", unit(1, 1, 1), "d", Duration.ofMinutes(1), 3); // a is trimmed away

        assertThat(replica.nearest("p", unit(0, 0, 1), 0.9)).get().extracting(SimilarAnswer::answerKey).isEqualTo("c");
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.9)).isEmpty();
        assertThat(index.nearest("p", unit(0, 1, 0), 0.9)).get().extracting(SimilarAnswer::answerKey).isEqualTo("b");
    }

    @Test
    void keepsTheNewestMaxEntriesAndForgetsExpiredOnes() {
        for (int i = 0; i < 5; i++) {
            index.add("p", unit(1, i, 0), "a" + i, Duration.ofSeconds(10), 3);
        }
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.1)).get()
                .extracting(SimilarAnswer::answerKey).isEqualTo("a2"); // a0 and a1 were dropped

        clock.advance(Duration.ofSeconds(11));
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.1)).isEmpty();
    }

    @Test
    void aListThatExpiredInRedisAndWasMadeAgainIsReadAgainWhole() {
        index.add("p", unit(1, 0, 0), "old", Duration.ofMinutes(1), 10);
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.9)).isPresent();
        try (RedisClient raw = RedisClient.create(TestServices.redisUrl().orElseThrow());
             StatefulRedisConnection<String, String> c = raw.connect()) {
            c.sync().del(prefix + "{p}", prefix + "{p}:v"); // as Redis does when both expire
        }
        index.add("p", unit(0, 1, 0), "new", Duration.ofMinutes(1), 10);

        assertThat(replica.nearest("p", unit(0, 1, 0), 0.9)).get().extracting(SimilarAnswer::answerKey)
                .isEqualTo("new");
        assertThat(replica.nearest("p", unit(1, 0, 0), 0.9)).isEmpty();
    }

    /** Prints what a look-up costs over a full partition, first and then held; a measurement, not a test of speed. */
    @Test
    void aFullPartitionIsReadOnceAndTheCostIsPrinted() {
        var random = new SplittableRandom(7);
        for (int dims : new int[] {256, 1536}) {
            float[] probe = null;
            for (int i = 0; i < 1000; i++) {
                float[] v = new float[dims];
                for (int d = 0; d < dims; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                probe = Vectors.unit(v);
                index.add("full" + dims, probe, "k" + i, Duration.ofMinutes(5), 1000);
            }
            long first = System.nanoTime();
            Optional<SimilarAnswer> found = replica.nearest("full" + dims, probe, 0.99);
            long firstNanos = System.nanoTime() - first;
            int rounds = 200;
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                found = replica.nearest("full" + dims, probe, 0.99);
            }
            System.out.printf("redis index: 1000 vectors of %d dimensions: first look-up %.2f ms (the whole list), "
                    + "then %.3f ms each%n", dims, firstNanos / 1e6, (System.nanoTime() - start) / 1e6 / rounds);
            assertThat(found).get().extracting(SimilarAnswer::answerKey).isEqualTo("k999");
        }
    }
}
