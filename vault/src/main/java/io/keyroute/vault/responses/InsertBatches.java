package io.keyroute.vault.responses;

import io.keyroute.store.GroupCommit;
import io.keyroute.store.Jdbc;

/** The group commit both Responses-state tables insert through: one JDBC batch of one statement per transaction. */
final class InsertBatches {
    /** Answers queued at most before a request inserts its own (a few seconds of a busy gateway's). */
    private static final int CAPACITY = 4_096;
    /** Rows per transaction at most: keeps one commit's lock on SQLite's single writer short. */
    private static final int MAX_BATCH = 256;

    private InsertBatches() {
    }

    static GroupCommit<Object[]> start(String thread, Jdbc jdbc, String insert) {
        return new GroupCommit<>(thread, CAPACITY, MAX_BATCH, rows -> jdbc.inTransaction(tx -> tx.batch(insert, rows)));
    }
}
