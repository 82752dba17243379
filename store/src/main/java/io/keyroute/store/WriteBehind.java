package io.keyroute.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Rows stored behind their writers: {@link #submit} queues a row and returns at once; one writer
 * thread stores what queued, every {@code interval} or sooner when a reader asks, as batches of at
 * most {@code maxBatch} rows, each one transaction. A busy gateway so commits a few large batches
 * (one fsync on SQLite each) instead of one per row, and no request waits for a commit or pays the
 * hand-off to the writer and back, as the usage ledger writes.
 *
 * <p>A reader that must see what was submitted before it (read-your-writes) calls {@link #flush},
 * which returns once every row submitted before the call is stored (or has failed): it costs nothing
 * when nothing is outstanding. Until then a row is only in this process's memory: a crash loses what
 * the last {@code interval} queued, and another process sees a row up to {@code interval} late.
 *
 * <p>The queue is bounded: when it is full the caller stores its row itself. A batch that fails is
 * stored again row by row, and each row that fails on its own goes to {@code failed} (one bad row
 * costs only itself). After {@link #close}, callers store their rows themselves.
 */
public final class WriteBehind<T> implements AutoCloseable {
    private final BlockingQueue<Entry<T>> queue;
    private final int maxBatch;
    private final long intervalNanos;
    private final Consumer<List<T>> store;
    private final BiConsumer<T, Throwable> failed;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    /** Set by the writer before it takes rows off the queue, cleared once they are stored: rows in its hands. */
    private volatile boolean storing;

    /** A row to store, or (row null) a flush's marker, completed when the writer reaches it. */
    private record Entry<T>(T row, CompletableFuture<Void> reached) {
    }

    /**
     * @param capacity rows queued at most; beyond, callers store their own
     * @param maxBatch rows per transaction at most
     * @param interval how long rows may wait for the writer when no reader asks for them
     * @param store    stores the rows given, all or none, in one transaction
     * @param failed   told of each row that could not be stored, with why
     */
    public WriteBehind(String name, int capacity, int maxBatch, Duration interval, Consumer<List<T>> store,
                       BiConsumer<T, Throwable> failed) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.store = store;
        this.failed = failed;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /**
     * Queues {@code row} and returns; when the queue is full or closed, stores it now, throwing what
     * storing it threw.
     */
    public void submit(T row) {
        if (closed || !queue.offer(new Entry<>(row, null))) {
            store.accept(List.of(row)); // full or closing: no unbounded queue, no wait for a writer
            return;
        }
        if (closed) {
            drain(); // queued as the writer stopped: its last drain may have missed this row
        }
    }

    /** Returns once every row submitted before this call is stored or has failed. */
    public void flush() {
        if (queue.isEmpty() && !storing) {
            return; // nothing outstanding: the common case of a reader costs one volatile read
        }
        var marker = new Entry<T>(null, new CompletableFuture<>());
        if (closed || !queue.offer(marker)) {
            drain(); // full or closing: store what is queued on this thread
            return;
        }
        wake.release();
        if (closed) {
            drain();
        }
        marker.reached().join();
    }

    /** Rows and markers queued and not yet taken by the writer. */
    public int depth() {
        return queue.size();
    }

    /** Stores everything queued, then stops the writer; it is woken, never interrupted (an interrupt can fail a JDBC call). */
    @Override
    public void close() {
        closed = true;
        wake.release();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void run() {
        try {
            while (!closed) {
                wake.tryAcquire(intervalNanos, TimeUnit.NANOSECONDS);
                wake.drainPermits(); // one pass serves every flush that asked during the wait
                drain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    /** Stores what is queued, in batches, completing each flush's marker once the rows before it are stored. */
    private synchronized void drain() {
        List<Entry<T>> taken = new ArrayList<>(maxBatch);
        storing = true;
        try {
            while (queue.drainTo(taken, maxBatch) > 0) {
                List<T> rows = new ArrayList<>(taken.size());
                List<CompletableFuture<Void>> markers = new ArrayList<>();
                for (Entry<T> entry : taken) {
                    if (entry.row() != null) {
                        rows.add(entry.row());
                    } else {
                        markers.add(entry.reached());
                    }
                }
                if (!rows.isEmpty()) {
                    commit(rows);
                }
                markers.forEach(m -> m.complete(null)); // the rows before a marker are in this batch or an earlier one
                taken.clear();
            }
        } finally {
            storing = false;
        }
    }

    private void commit(List<T> rows) {
        try {
            store.accept(rows);
        } catch (RuntimeException | Error e) { // an Error too: a writer that died would leave every flush waiting
            if (rows.size() == 1) {
                failed.accept(rows.getFirst(), e);
                return;
            }
            rows.forEach(row -> commit(List.of(row)));
        }
    }
}
