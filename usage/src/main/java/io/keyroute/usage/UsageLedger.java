package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger's write side, off the request path: requests hand their event to a bounded
 * queue, and one writer thread stores whatever has arrived every ~100 ms as a batch. A full queue
 * makes the producer wait (back-pressure) rather than lose the event; {@link #close} stores
 * everything still queued before it returns.
 */
public final class UsageLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);
    private static final Duration FULL_WARNING = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);
    private static final int ATTEMPTS_AT_CLOSE = 5;

    /** @param capacity events held before producers wait; maxBatch rows per insert batch */
    public record Settings(int capacity, int maxBatch, Duration interval) {
        public static final Settings DEFAULT = new Settings(10_000, 500, Duration.ofMillis(100));
    }

    private final BlockingQueue<UsageEvent> queue;
    private final BatchStore writer;
    private final Settings settings;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Where batches go: the database, or a test's stand-in. */
    @FunctionalInterface
    interface BatchStore {
        void write(List<UsageEvent> events);
    }

    private UsageLedger(BatchStore writer, Settings settings) {
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.writer = writer;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("keyroute-usage-ledger").daemon().unstarted(this::run);
    }

    /** A started ledger over a migrated database. */
    public static UsageLedger start(Database database, Settings settings) {
        return start(new LedgerWriter(database.jdbc())::write, settings);
    }

    static UsageLedger start(BatchStore store, Settings settings) {
        var ledger = new UsageLedger(store, settings);
        ledger.thread.start();
        return ledger;
    }

    /**
     * Queues one event; waits while the queue is full. During and after {@link #close} the caller
     * stores what is queued itself, so a request finishing at shutdown is not lost.
     */
    public void append(UsageEvent event) {
        boolean interrupted = false;
        try {
            while (!queue.offer(event, FULL_WARNING.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("usage ledger queue full ({} events) for over {} ms: requests wait for the database",
                        settings.capacity(), FULL_WARNING.toMillis());
            }
        } catch (InterruptedException e) {
            // The caller is being stopped while waiting for room: store its event now, interrupt cleared.
            interrupted = true;
            store(List.of(event));
        }
        if (closed.getCount() == 0) {
            drain();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events waiting to be stored (for the queue-depth metric and tests). */
    public int depth() {
        return queue.size();
    }

    /**
     * Stores everything queued, then stops the writer. The writer is woken, never interrupted: an
     * interrupt can fail a JDBC call midway (the pool gives up waiting for a connection).
     */
    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain(); // anything a producer queued while the writer was exiting
    }

    /** Every interval, stores what arrived during it: a busy gateway writes a few large batches, not many rows. */
    private void run() {
        try {
            while (!closed.await(settings.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                drain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void drain() {
        List<UsageEvent> batch = new ArrayList<>(settings.maxBatch());
        while (queue.drainTo(batch, settings.maxBatch()) > 0) {
            store(batch);
            batch.clear();
        }
    }

    /**
     * Stores a batch. While the database is unreachable or busy the batch is retried with growing
     * pauses, and the queue behind it fills until producers wait: back-pressure, not loss. A batch
     * the database refuses outright is stored row by row, so one bad row cannot hold back the
     * others. At close, retries stop after a bound, so a dead database cannot hang shutdown.
     */
    private void store(List<UsageEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long pause = settings.interval().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                writer.write(batch);
                return;
            } catch (StoreException e) {
                if (!e.isTransient()) {
                    refused(batch, e);
                    return;
                }
                if (closed.getCount() == 0 && attempt >= ATTEMPTS_AT_CLOSE) {
                    LOG.error("usage ledger: the database is unavailable at shutdown; {} requests not stored "
                            + "(first {}): {}", batch.size(), batch.getFirst().requestId(), e.getMessage());
                    return;
                }
                LOG.warn("usage ledger: the database is unavailable, retrying in {} ms: {}", pause, e.getMessage());
                pauseQuietly(pause);
                pause = Math.min(pause * 2, MAX_RETRY_PAUSE.toMillis());
            } catch (RuntimeException e) {
                refused(batch, e);
                return;
            }
        }
    }

    private void refused(List<UsageEvent> batch, RuntimeException e) {
        if (batch.size() == 1) {
            LOG.error("usage ledger row {} refused by the database: {}", batch.getFirst().requestId(), e.getMessage());
            return;
        }
        LOG.error("usage ledger batch of {} rows refused, storing row by row: {}", batch.size(), e.getMessage());
        batch.forEach(event -> store(List.of(event)));
    }

    private static void pauseQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
