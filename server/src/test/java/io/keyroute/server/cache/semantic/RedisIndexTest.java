package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis vector index against the real Redis: nearest, the bound per partition, expiry, partitions apart. */
class RedisIndexTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private RedisIndex index;

    @BeforeEach
    void open() {
 Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        index = new RedisIndex(redis.get(), "kr-test:semantic:" + UUID.randomUUID() + ":", clock);
    }

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void findsTheNearestAboveTheThresholdInItsPartitionOnly() {
        index.add("p1", Vectors.unit(new float[] {1, 0, 0}), "x", Duration.ofMinutes(1), 10);
        index.add("p1", Vectors.unit(new float[] {1, 1, 0}), "xy", Duration.ofMinutes(1), 10);
        index.add("p2", Vectors.unit(new float[] {1, 0, 0}), "other", Duration.ofMinutes(1), 10);

        Optional<SimilarAnswer> found = index.nearest("p1", Vectors.unit(new float[] {1, 0.1f, 0}), 0.9);

        assertThat(found).get().extracting(SimilarAnswer::answerKey).isEqualTo("x");
        assertThat(found.get().similarity()).isCloseTo(0.995, org.assertj.core.data.Offset.offset(0.001));
        assertThat(index.nearest("p1", Vectors.unit(new float[] {0, 0, 1}), 0.5)).isEmpty();
        assertThat(index.nearest("p3", Vectors.unit(new float[] {1, 0, 0}), 0.5)).isEmpty();
    }

    @Test
    void keepsTheNewestMaxEntriesAndForgetsExpiredOnes() {
        for (int i = 0; i < 5; i++) {
            index.add("p", Vectors.unit(new float[] {1, i, 0}), "a" + i, Duration.ofSeconds(10), 3);
        }
        assertThat(index.nearest("p", Vectors.unit(new float[] {1, 0, 0}), 0.1)).get()
                .extracting(SimilarAnswer::answerKey).isEqualTo("a2"); // a0 and a1 were dropped

        clock.advance(Duration.ofSeconds(11));
        assertThat(index.nearest("p", Vectors.unit(new float[] {1, 0, 0}), 0.1)).isEmpty();
    }

    /** Prints what a look-up costs over a full partition; a measurement, not a test of speed. */
    @Test
    void aFullPartitionIsScannedAndTheCostIsPrinted() {
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
            for (int warm = 0; warm < 20; warm++) {
                index.nearest("full" + dims, probe, 0.99);
            }
            long start = System.nanoTime();
            int rounds = 20;
            Optional<SimilarAnswer> found = Optional.empty();
            for (int r = 0; r < rounds; r++) {
                found = index.nearest("full" + dims, probe, 0.99);
            }
            System.out.printf("redis index: 1000 vectors of %d dimensions, one look-up %.2f ms%n", dims,
                    (System.nanoTime() - start) / 1e6 / rounds);
            assertThat(found).get().extracting(SimilarAnswer::answerKey).isEqualTo("k999");
        }
    }
}
