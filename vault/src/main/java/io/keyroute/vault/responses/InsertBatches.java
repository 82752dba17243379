package io.keyroute.vault.responses;

import io.keyroute.store.Jdbc;
import io.keyroute.store.WriteBehind;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-behind both Responses-state tables insert through: one JDBC batch of one statement per
 * transaction, every {@link #INTERVAL} or when a reader flushes. A row that cannot be stored is
 * logged by its id (its first column), never its content; the answer it belongs to stands.
 */
final class InsertBatches {
    private static final Logger LOG = LoggerFactory.getLogger(InsertBatches.class);
    /** Rows queued at most before a request inserts its own (a few seconds of a busy gateway's). */
    private static final int CAPACITY = 4_096;
    /** Rows per transaction at most: keeps one commit's lock on SQLite's single writer short. */
    private static final int MAX_BATCH = 512;
    /** How late another replica may see a row, and what a crash may lose: conversation state, not money. */
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private InsertBatches() {
    }

    static WriteBehind<Object[]> start(String thread, Jdbc jdbc, String insert) {
        return new WriteBehind<>(thread, CAPACITY, MAX_BATCH, INTERVAL, rows -> jdbc.inTransaction(tx -> tx.batch(insert, rows)),
                (row, e) -> LOG.warn("{}: response {} not stored: {}", thread, row[0], e.toString()));
    }
}
