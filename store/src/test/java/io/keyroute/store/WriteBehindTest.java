package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write-behind with a stand-in store. The writer's interval is an hour unless a test says otherwise,
 * so rows are stored only when a flush, a full queue or close asks: each test knows which rows
 * share a transaction without waiting on a clock.
 */
@Timeout(30)
class WriteBehindTest {
    private static final Duration NEVER = Duration.ofHours(1);

    /** Records each batch (one call = one transaction) and the thread that stored it; refuses a batch holding "bad". */
    static final class RecordingStore implements Consumer<List<String>> {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> storers = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Throwable> failed = new ConcurrentHashMap<>();
        volatile CountDownLatch hold; // when set, the next batch waits for it

        @Override
        public void accept(List<String> rows) {
            CountDownLatch latch = hold;
            if (latch != null) {
                hold = null;
                awaitQuietly(latch);
            }
            if (rows.contains("bad")) {
                throw new IllegalStateException("refused: bad");
            }
            batches.add(List.copyOf(rows));
            storers.add(Thread.currentThread().getName());
        }

        List<String> stored() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).toList();
            }
        }

        WriteBehind<String> writeBehind(int capacity, int maxBatch, Duration interval) {
            return new WriteBehind<>("test-writer", capacity, maxBatch, interval, this, failed::put);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void submitReturnsWithTheRowQueuedAndAFlushStoresItOnTheWriterThread() {
        var store = new RecordingStore();
        try (var writes = store.writeBehind(100, 100, NEVER)) {
            writes.submit("a");
            writes.submit("b");
            assertThat(writes.depth()).isEqualTo(2);
            assertThat(store.batches).isEmpty(); // nobody waited for a commit

            writes.flush();

            assertThat(store.batches).containsExactly(List.of("a", "b")); // one transaction for both
            assertThat(store.storers).containsExactly("test-writer");
            assertThat(writes.depth()).isZero();
        }
    }

    @Test
    void aFlushWithNothingOutstandingStoresNothing() {
        var store = new RecordingStore();
        try (var writes = store.writeBehind(100, 100, NEVER)) {
            writes.flush();
            writes.submit("a");
            writes.flush();
            writes.flush();
            assertThat(store.batches).containsExactly(List.of("a"));
        }
    }

    @Test
    void theWriterStoresOnItsIntervalWithoutAFlush() {
        var store = new RecordingStore();
        try (var writes = store.writeBehind(100, 100, Duration.ofMillis(5))) {
            writes.submit("a");
            while (store.stored().isEmpty()) {
                Thread.onSpinWait(); // the mechanism's own progress, not a sleep: the test's timeout bounds it
            }
            assertThat(store.batches).containsExactly(List.of("a"));
            assertThat(store.storers).containsExactly("test-writer");
        }
    }

    @Test
    void rowsSubmittedWhileABatchCommitsShareTheNextOneAndAFlushWaitsForBoth() throws Exception {
        var store = new RecordingStore();
        var held = new CountDownLatch(1);
        store.hold = held;
        try (var writes = store.writeBehind(100, 100, NEVER)) {
            writes.submit("first");
            CompletableFuture<Void> firstFlush = CompletableFuture.runAsync(writes::flush);
            while (writes.depth() > 0) {
                Thread.onSpinWait(); // the writer took "first" and is held in its transaction
            }
            IntStream.range(0, 5).forEach(i -> writes.submit("row" + i));
            CompletableFuture<Void> secondFlush = CompletableFuture.runAsync(writes::flush);
            while (writes.depth() < 6) {
                Thread.onSpinWait(); // five rows and the second flush's marker queued behind the held batch
            }
            assertThat(firstFlush).isNotDone();

            held.countDown();
            secondFlush.get();

            // the first flush's marker was reached before the second's; its thread returns on its own time
            assertThat(firstFlush).succeedsWithin(Duration.ofSeconds(10));
            assertThat(store.batches).containsExactly(List.of("first"), List.of("row0", "row1", "row2", "row3", "row4"));
        }
    }

    @Test
    void aRefusedBatchIsStoredRowByRowAndOnlyTheBadRowFails() {
        var store = new RecordingStore();
        try (var writes = store.writeBehind(100, 100, NEVER)) {
            List.of("ok1", "bad", "ok2").forEach(writes::submit);
            writes.flush();

            assertThat(store.stored()).containsExactly("ok1", "ok2");
            assertThat(store.failed).containsOnlyKeys("bad");
            assertThat(store.failed.get("bad")).isInstanceOf(IllegalStateException.class).hasMessage("refused: bad");
        }
    }

    @Test
    void anErrorWhileStoringFailsTheRowAndTheWriterGoesOn() {
        var failed = new ConcurrentHashMap<String, Throwable>();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        try (var writes = new WriteBehind<String>("test-writer", 100, 100, NEVER, rows -> {
            if (rows.contains("oom")) {
                throw new OutOfMemoryError("stand-in");
            }
            stored.addAll(rows);
        }, failed::put)) {
            writes.submit("oom");
            writes.flush(); // returns: the marker is reached though the row failed
            writes.submit("next");
            writes.flush();

            assertThat(failed).containsOnlyKeys("oom");
            assertThat(stored).containsExactly("next");
        }
    }

    @Test
    void aFullQueueMakesTheCallerStoreItsOwnRow() {
        var store = new RecordingStore();
        try (var writes = store.writeBehind(2, 100, NEVER)) {
            writes.submit("q1");
            writes.submit("q2");
            writes.submit("overflow"); // stored on this thread: no unbounded queue

            assertThat(store.batches).containsExactly(List.of("overflow"));
            assertThat(store.storers).containsExactly(Thread.currentThread().getName());
            writes.flush(); // the queue is full: this thread stores what is queued
            assertThat(store.stored()).containsExactly("overflow", "q1", "q2");
        }
    }

    @Test
    void closeStoresWhatIsQueuedAndLaterSubmitsStoreThemselves() {
        var store = new RecordingStore();
        var writes = store.writeBehind(100, 100, NEVER);
        List.of("q1", "q2", "q3").forEach(writes::submit);

        writes.close();

        assertThat(store.stored()).containsExactly("q1", "q2", "q3");
        writes.submit("after");
        assertThat(store.batches.getLast()).containsExactly("after");
        assertThat(store.storers.getLast()).isEqualTo(Thread.currentThread().getName());
        writes.flush(); // nothing outstanding after close
    }

    /**
     * Whatever the bounds and the concurrency: a writer that flushes after its submit finds its row
     * stored (read-your-writes), every row is stored exactly once, in batches within the bound.
     */
    @Property(tries = 30)
    void aFlushSeesEveryEarlierRowAndEveryRowIsStoredOnceWithinTheBatchBound(
            @ForAll @IntRange(min = 1, max = 8) int capacity, @ForAll @IntRange(min = 1, max = 8) int maxBatch,
            @ForAll @IntRange(min = 1, max = 40) int writers, @ForAll @IntRange(min = 0, max = 3) int intervalMs) {
        var store = new RecordingStore();
        List<String> rows = IntStream.range(0, writers).mapToObj(i -> "row" + i).toList();
        List<String> unseen = Collections.synchronizedList(new ArrayList<>());
        try (var writes = store.writeBehind(capacity, maxBatch, Duration.ofMillis(intervalMs))) {
            List<CompletableFuture<Void>> done = rows.stream().map(row -> CompletableFuture.runAsync(() -> {
                writes.submit(row);
                writes.flush();
                if (!store.stored().contains(row)) {
                    unseen.add(row);
                }
            }, runnable -> Thread.ofPlatform().start(runnable))).toList();
            done.forEach(CompletableFuture::join);
        }
        assertThat(unseen).isEmpty();
        assertThat(store.batches).allMatch(batch -> !batch.isEmpty() && batch.size() <= maxBatch);
        assertThat(store.stored()).containsExactlyInAnyOrderElementsOf(rows);
    }
}
