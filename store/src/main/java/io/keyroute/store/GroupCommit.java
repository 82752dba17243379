package io.keyroute.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Group commit: rows that concurrent callers write are stored by one writer thread, whatever has
 * queued while the previous batch committed going in together, as one batch in one transaction.
 * Each commit (an fsync on SQLite) then serves many callers instead of one. A caller's
 * {@link #write} returns only once its row is committed, so what it wrote is readable when it
 * returns, as with a plain insert; there is no extra wait when the writer is idle.
 *
 * <p>The queue is bounded: when it is full the caller stores its row itself. A batch that fails is
 * stored again row by row, so each caller gets its own row's outcome (one bad row fails only its
 * own caller). After {@link #close}, callers store their rows themselves.
 */
public final class GroupCommit<T> implements AutoCloseable {
    private static final long IDLE_CHECK_MS = 100;

    private final BlockingQueue<Pending<T>> queue;
    private final int maxBatch;
    private final Consumer<List<T>> store;
    private final Thread thread;
    private volatile boolean closed;

    private record Pending<T>(T row, CompletableFuture<Void> done) {
    }

    /**
     * @param capacity rows queued at most; beyond, callers store their own
     * @param maxBatch rows per transaction at most
     * @param store    stores the rows given, all or none, in one transaction
     */
    public GroupCommit(String name, int capacity, int maxBatch, Consumer<List<T>> store) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.store = store;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** Stores {@code row}, returning once it is committed; throws what storing it threw. */
    public void write(T row) {
        var pending = new Pending<>(row, new CompletableFuture<>());
        if (closed || !queue.offer(pending)) {
            store.accept(List.of(row)); // full or closing: no unbounded queue, no wait for a writer
            return;
        }
        if (closed) {
            drain(); // queued as the writer stopped: its last drain may have missed this row
        }
        try {
            pending.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Rows queued and not yet taken by the writer. */
    public int depth() {
        return queue.size();
    }

    /** Stores everything queued, then stops the writer; it is woken, never interrupted (an interrupt can fail a JDBC call). */
    @Override
    public void close() {
        closed = true;
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
                Pending<T> first = queue.poll(IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Pending<T>> batch = new ArrayList<>(maxBatch);
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    commit(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void drain() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        while (queue.drainTo(batch, maxBatch) > 0) {
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending<T>> batch) {
        try {
            store.accept(batch.stream().map(Pending::row).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException | Error e) { // an Error too: a writer that died would leave its callers waiting
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
            batch.forEach(p -> commit(List.of(p)));
        }
    }
}
