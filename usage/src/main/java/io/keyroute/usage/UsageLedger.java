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
 * everything still queued before it returns. Each event is first appended to the
 * {@link LedgerJournal}, which keeps it on disk until its batch is stored: a killed process loses
 * the queue, not the events.
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

    private final BlockingQueue<Pending> queue;
    private final BatchStore writer;
    private final LedgerJournal journal;
    private final Settings settings;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Where batches go: the database, or a test's stand-in. */
    @FunctionalInterface
    interface BatchStore {
        void write(List<LedgerEntry> events);
    }

    /** An event and the journal segment that holds it until it is stored (null: not journaled). */
    private record Pending(LedgerEntry event, LedgerJournal.Segment segment) {
    }

    private UsageLedger(BatchStore writer, LedgerJournal journal, Settings settings) {
        // ArrayBlockingQueue, not LinkedBlockingQueue: the latter's offer cost 2.1% of the off path's samples
        // (a node per event, and the writer's lock taken to signal it) against 0.1% (JFR, session 16).
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.writer = writer;
        this.journal = journal;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("keyroute-usage-ledger").daemon().unstarted(this::run);
    }

    /**
     * A started ledger over a migrated database. It first stores what the journal kept from an
     * earlier run (so that is done before the gateway serves), then owns the journal and closes it.
     */
    public static UsageLedger start(Database database, LedgerJournal journal, Settings settings) {
        return start(new LedgerWriter(database.jdbc())::write, journal, settings);
    }

    static UsageLedger start(BatchStore store, LedgerJournal journal, Settings settings) {
        journal.recover(store::write, settings.maxBatch());
        var ledger = new UsageLedger(store, journal, settings);
        ledger.thread.start();
        return ledger;
    }

    /**
     * Journals one event, then queues it; waits while the queue is full. When this returns, the
     * event survives the process being killed. During and after {@link #close} the caller stores
     * what is queued itself, so a request finishing at shutdown is not lost.
     */
    public void append(LedgerEntry event) {
        var pending = new Pending(event, journal.append(event));
        boolean interrupted = false;
        try {
            while (!queue.offer(pending, FULL_WARNING.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("usage ledger queue full ({} events) for over {} ms: requests wait for the database",
                        settings.capacity(), FULL_WARNING.toMillis());
            }
        } catch (InterruptedException e) {
            // The caller is being stopped while waiting for room: store its event now, interrupt cleared.
            interrupted = true;
            store(List.of(pending));
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
     * Stores everything queued, then stops the writer and closes the journal (which keeps only
     * what could not be stored). The writer is woken, never interrupted: an interrupt can fail a
     * JDBC call midway (the pool gives up waiting for a connection).
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
        journal.close();
        drain(); // a producer that journaled just before the journal closed
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
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
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
    private void store(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long pause = settings.interval().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                writer.write(batch.stream().map(Pending::event).toList());
                settled(batch);
                return;
            } catch (StoreException e) {
                if (!e.isTransient()) {
                    refused(batch, e);
                    return;
                }
                if (closed.getCount() == 0 && attempt >= ATTEMPTS_AT_CLOSE) {
                    LOG.error("usage ledger: the database is unavailable at shutdown; {} requests not stored "
                            + "(they stay in the journal for the next start; first {}): {}", batch.size(),
                            batch.getFirst().event().request().requestId(), e.getMessage());
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

    /** A row the database refuses would be refused again at the next start: it leaves the journal too. */
    private void refused(List<Pending> batch, RuntimeException e) {
        if (batch.size() == 1) {
            LOG.error("usage ledger row {} refused by the database: {}", batch.getFirst().event().request().requestId(),
                    e.getMessage());
            settled(batch);
            return;
        }
        LOG.error("usage ledger batch of {} rows refused, storing row by row: {}", batch.size(), e.getMessage());
        batch.forEach(event -> store(List.of(event)));
    }

    private void settled(List<Pending> batch) {
        List<LedgerJournal.Segment> segments = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (pending.segment() != null) {
                segments.add(pending.segment());
            }
        }
        journal.stored(segments);
    }

    private static void pauseQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
