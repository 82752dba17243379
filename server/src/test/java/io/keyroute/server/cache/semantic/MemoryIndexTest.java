package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-process index: nearest above the threshold, the newest max_entries, expiry, and its bound in floats. */
class MemoryIndexTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void keepsTheNewestMaxEntriesAndForgetsExpiredOnes() {
        var index = new MemoryIndex(VectorIndexes.MEMORY_FLOATS, clock);
        for (int i = 0; i < 5; i++) {
            index.add("p", Vectors.unit(new float[] {1, i, 0}), "a" + i, Duration.ofSeconds(10), 3);
        }

        assertThat(index.nearest("p", Vectors.unit(new float[] {1, 0, 0}), 0.1)).get()
                .extracting(SimilarAnswer::answerKey).isEqualTo("a2");
        assertThat(index.nearest("p", Vectors.unit(new float[] {0, 0, 1}), 0.1)).isEmpty();
        assertThat(index.nearest("q", Vectors.unit(new float[] {1, 0, 0}), 0.1)).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(index.nearest("p", Vectors.unit(new float[] {1, 0, 0}), 0.1)).isEmpty();
    }

    @Test
    void theIndexStaysWithinItsFloatsDroppingWholePartitions() {
        float[] big = new float[256];
        big[0] = 1;
        // each partition: one vector of 256 floats and overheads, some 320 floats; room for about three
        var index = new MemoryIndex(1000, clock);
        for (int p = 0; p < 20; p++) {
            index.add("p" + p, big, "k" + p, Duration.ofMinutes(1), 10);
        }

        int kept = 0;
        for (int p = 0; p < 20; p++) {
            kept += index.nearest("p" + p, big, 0.9).isPresent() ? 1 : 0;
        }
        assertThat(kept).isBetween(1, 3);
    }
}
