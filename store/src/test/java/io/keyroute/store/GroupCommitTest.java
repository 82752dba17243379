package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Group commit with a stand-in store whose first batch is held until released: what is written
 * meanwhile queues behind it, so each test knows exactly which rows share a transaction.
 */
@Timeout(30)
class GroupCommitTest {

    /** Records each batch (one call = one transaction) and the thread that stored it; fails a batch holding "bad". */
    static final class HeldStore implements Consumer<List<String>> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> storers = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(List<String> rows) {
            if (entered.getCount() > 0) {
                entered.countDown();
                awaitQuietly(release);
            }
            if (rows.contains("bad")) {
                throw new IllegalStateException("refused: bad");
            }
            batches.add(List.copyOf(rows));
            storers.add(Thread.currentThread().getName());
        }

        List<String> stored() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the write on a thread of its own; the future ends when {@code write} returns or throws. */
    private static CompletableFuture<Void> writeAsync(GroupCommit<String> commit, String row) {
        var done = new CompletableFuture<Void>();
        Thread.ofPlatform().start(() -> {
            try {
                commit.write(row);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The mechanism's own state, not a sleep: the writer is held, so the queue only grows. */
    private static void awaitDepth(GroupCommit<String> commit, int depth) {
        while (commit.depth() < depth) {
            Thread.onSpinWait();
        }
    }

    /** Holds the writer on a first row, then queues {@code rows} behind it. */
    private static List<CompletableFuture<Void>> queueBehindHeld(GroupCommit<String> commit, HeldStore store,
                                                                 List<String> rows) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        writes.add(writeAsync(commit, "first"));
        awaitQuietly(store.entered);
        rows.forEach(row -> writes.add(writeAsync(commit, row)));
        awaitDepth(commit, rows.size());
        return writes;
    }

    @Test
    void rowsWrittenWhileATransactionCommitsShareTheNextOne() {
        var store = new HeldStore();
        try (var commit = new GroupCommit<>("test-writer", 100, 100, store)) {
            List<String> rows = IntStream.range(0, 9).mapToObj(i -> "row" + i).toList();
            List<CompletableFuture<Void>> writes = queueBehindHeld(commit, store, rows);
            assertThat(writes).noneMatch(CompletableFuture::isDone); // nobody returns before its commit

            store.release.countDown();
            writes.forEach(CompletableFuture::join);

            assertThat(store.batches).hasSize(2); // 10 rows, 2 transactions
            assertThat(store.batches.get(0)).containsExactly("first");
            assertThat(store.batches.get(1)).containsExactlyInAnyOrderElementsOf(rows);
            assertThat(store.storers).containsOnly("test-writer");
        }
    }

    @Test
    void aBatchIsCutAtMaxBatch() {
        var store = new HeldStore();
        try (var commit = new GroupCommit<>("test-writer", 100, 4, store)) {
            List<String> rows = IntStream.range(0, 9).mapToObj(i -> "row" + i).toList();
            List<CompletableFuture<Void>> writes = queueBehindHeld(commit, store, rows);
            store.release.countDown();
            writes.forEach(CompletableFuture::join);

            assertThat(store.batches).extracting(List::size).containsExactly(1, 4, 4, 1);
            assertThat(store.stored()).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 10).mapToObj(i -> i == 0 ? "first" : "row" + (i - 1)).toList());
        }
    }

    @Test
    void aRefusedBatchIsStoredRowByRowAndOnlyTheBadRowsWriterFails() {
        var store = new HeldStore();
        try (var commit = new GroupCommit<>("test-writer", 100, 100, store)) {
            List<CompletableFuture<Void>> writes = queueBehindHeld(commit, store, List.of("ok1", "bad", "ok2"));
            store.release.countDown();

            writes.get(1).join();
            writes.get(3).join();
            assertThat(writes.get(2)).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class).withMessage("refused: bad");
            assertThat(store.stored()).containsExactlyInAnyOrder("first", "ok1", "ok2");
        }
    }

    @Test
    void aFullQueueMakesTheCallerStoreItsOwnRow() {
        var store = new HeldStore();
        try (var commit = new GroupCommit<>("test-writer", 2, 100, store)) {
            List<CompletableFuture<Void>> writes = queueBehindHeld(commit, store, List.of("q1", "q2"));

            commit.write("overflow"); // returns while the writer is still held: stored on this thread
            assertThat(store.batches).containsExactly(List.of("overflow"));
            assertThat(store.storers).containsExactly(Thread.currentThread().getName());
            assertThat(commit.depth()).isEqualTo(2);

            store.release.countDown();
            writes.forEach(CompletableFuture::join);
            assertThat(store.stored()).containsExactlyInAnyOrder("overflow", "first", "q1", "q2");
        }
    }

    @Test
    void closeStoresWhatIsQueuedAndLaterWritesStoreThemselves() throws InterruptedException {
        var store = new HeldStore();
        var commit = new GroupCommit<>("test-writer", 100, 100, store);
        List<CompletableFuture<Void>> writes = queueBehindHeld(commit, store, List.of("q1", "q2", "q3"));
        Thread closing = Thread.ofPlatform().start(commit::close);

        store.release.countDown();
        closing.join();

        // close() returns once the rows are committed; each caller's thread then wakes on its own time
        assertThat(store.stored()).containsExactlyInAnyOrder("first", "q1", "q2", "q3");
        writes.forEach(w -> assertThat(w).succeedsWithin(Duration.ofSeconds(10)));
        commit.write("after");
        assertThat(store.batches.getLast()).containsExactly("after");
        assertThat(store.storers.getLast()).isEqualTo(Thread.currentThread().getName());
    }

    /** Whatever the bounds and the concurrency, every row is stored exactly once, in batches within the bound. */
    @Property(tries = 30)
    void everyRowIsStoredOnceWithinTheBatchBound(@ForAll @IntRange(min = 1, max = 8) int capacity,
                                                 @ForAll @IntRange(min = 1, max = 8) int maxBatch,
                                                 @ForAll @IntRange(min = 1, max = 40) int writers) {
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        List<String> rows = IntStream.range(0, writers).mapToObj(i -> "row" + i).toList();
        try (var commit = new GroupCommit<String>("test-writer", capacity, maxBatch, batch -> batches.add(List.copyOf(batch)))) {
            List<CompletableFuture<Void>> writes = rows.stream().map(row -> writeAsync(commit, row)).toList();
            writes.forEach(CompletableFuture::join);
        }
        assertThat(batches).allMatch(batch -> !batch.isEmpty() && batch.size() <= maxBatch);
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(rows);
    }
}
