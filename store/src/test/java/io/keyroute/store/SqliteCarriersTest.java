package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's driver is native code, which keeps a virtual thread on its carrier however long it blocks:
 * the write lock's busy wait (up to busy_timeout, 5 s) or a slow fsync. CI's console tests saw a chat
 * answered 504 after such a stall; the gateway's SQLite work from virtual threads (management calls,
 * a credential's audit row, cache misses) therefore runs on platform threads.
 */
class SqliteCarriersTest {
    @TempDir
    Path dir;

    private Database open() {
        Database db = Database.open("jdbc:sqlite:" + dir.resolve("keyroute.db"));
        db.jdbc().update("CREATE TABLE IF NOT EXISTS rows (n INTEGER)");
        return db;
    }

    @Test
    void aVirtualThreadsSqliteWorkRunsOnAPlatformThread() throws InterruptedException {
        try (Database db = open()) {
            var seen = new ArrayList<Boolean>();
            Thread.ofVirtual().start(() -> {
                seen.add(db.jdbc().queryOne("SELECT 1", rs -> Thread.currentThread().isVirtual()).orElseThrow());
                seen.add(db.jdbc().inTransaction(tx -> {
                    tx.update("INSERT INTO rows VALUES (1)");
                    return Thread.currentThread().isVirtual();
                }));
            }).join();

            assertThat(seen).containsExactly(false, false);
        }
    }

    @Test
    void aFailureOnAPlatformThreadNamesTheCallersStack() throws InterruptedException {
        try (Database db = open()) {
            var failure = new ArrayList<Throwable>();
            Thread.ofVirtual().start(() -> {
                try {
                    db.jdbc().update("INSERT INTO nowhere VALUES (1)");
                } catch (StoreException e) {
                    failure.add(e);
                }
            }).join();

            assertThat(failure).singleElement().satisfies(e -> assertThat(e.getSuppressed())
                    .anySatisfy(s -> assertThat(s.getStackTrace()).anyMatch(f -> f.getClassName().equals(getClass().getName()))));
        }
    }

    @Test
    void anInterruptedCallerWaitsForItsCallAndKeepsTheInterrupt() throws InterruptedException {
        try (Database db = open()) {
            var outcome = new ArrayList<Object>();
            Thread.ofVirtual().start(() -> {
                Thread.currentThread().interrupt();
                outcome.add(db.jdbc().inTransaction(tx -> tx.update("INSERT INTO rows VALUES (2)")));
                outcome.add(Thread.currentThread().isInterrupted());
            }).join();

            assertThat(outcome).containsExactly(1, true);
            assertThat(db.jdbc().query("SELECT n FROM rows", rs -> rs.getInt(1))).containsExactly(2);
        }
    }

    /**
     * As many writers waiting for the write lock as the scheduler has carriers (two on CI's 2-core
     * machine): before their calls left the virtual threads, no other virtual thread ran until the lock
     * was released (or the waiters gave up, 5 s on), as the chat in CI did not.
     */
    @Test
    void writersWaitingForTheLockLeaveOtherVirtualThreadsRunning() throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        assumeTrue(carriers < 4, "the pool's 4 connections cannot hold all " + carriers + " carriers");
        try (Database db = open();
             var holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("keyroute.db"));
             var lock = holder.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            lock.execute("INSERT INTO rows VALUES (0)");
            var stored = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < carriers; i++) {
                writers.add(Thread.ofVirtual().start(() -> stored.addAndGet(db.jdbc().update("INSERT INTO rows VALUES (1)"))));
            }
            Thread.sleep(300); // the writers are in SQLite's busy wait

            var ran = new CountDownLatch(1);
            Thread.ofVirtual().start(ran::countDown);
            boolean ranWhileLocked = ran.await(3, TimeUnit.SECONDS);
            lock.execute("COMMIT");
            for (Thread writer : writers) {
                writer.join();
            }

            assertThat(stored).hasValue(carriers);
            assertThat(ranWhileLocked).as("a virtual thread ran while the writers waited for the lock").isTrue();
        }
    }
}
