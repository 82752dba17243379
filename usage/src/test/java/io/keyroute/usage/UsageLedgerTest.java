package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.store.StoreException;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageLedgerTest {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00.123Z");

    @TempDir
    Path journalDir;

    private LedgerJournal journal() {
        return LedgerJournal.open(journalDir, LedgerJournal.DEFAULT_SEGMENT_BYTES);
    }

    /** The journal keeps nothing once the ledger has stored everything. */
    private void assertJournalEmpty() throws IOException {
        try (var files = Files.list(journalDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("lock");
        }
    }

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    static LedgerEntry event(String id, long costMicros) {
        return new LedgerEntry(AT, new RequestRecord(id, "key_1", "user_1", "ws_1", "cred_1", "chat", "chat",
                "openai", "gpt-4o-mini", 200, 1, false, new Usage(100, 20, 10, 5), costMicros, 1_500, 0, "ok"));
    }

    private static long count(Database db) {
        return db.jdbc().queryOne("SELECT COUNT(*) FROM usage_events", rs -> rs.getLong(1)).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nothingIsLostUnderEightConcurrentProducers(TestDatabase target) throws Exception {
        int producers = 8;
        int each = 2_000;
        try (Database db = Database.open(target.url())) {
            db.migrate();
            // A small queue, so producers also meet back-pressure along the way.
            var ledger = UsageLedger.start(db, journal(), new UsageLedger.Settings(256, 200, Duration.ofMillis(20)));
            try (var pool = Executors.newFixedThreadPool(producers)) {
                List<CompletableFuture<Void>> running = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    int producer = p;
                    running.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < each; i++) {
                            ledger.append(event("req_" + producer + "_" + i, i % 7));
                        }
                    }, pool));
                }
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            ledger.close();

            assertThat(count(db)).isEqualTo((long) producers * each);
            assertJournalEmpty();
            long expectedCost = 0;
            for (int i = 0; i < each; i++) {
                expectedCost += (i % 7) * (long) producers;
            }
            assertThat(db.jdbc().queryOne("SELECT SUM(cost_micros) FROM usage_events", rs -> rs.getLong(1)))
                    .contains(expectedCost);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closeStoresEverythingQueuedAtOnce(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            // An interval far longer than the test: only close() can have stored the rows.
            var ledger = UsageLedger.start(db, journal(), new UsageLedger.Settings(1_000, 100, Duration.ofMinutes(10)));
            for (int i = 0; i < 750; i++) {
                ledger.append(event("req_" + i, 1));
            }
            long started = System.nanoTime();
            ledger.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(count(db)).isEqualTo(750);

            ledger.append(event("req_late", 1)); // a request finishing after close is stored, not dropped
            assertThat(count(db)).isEqualTo(751);
            new LedgerWriter(db.jdbc()).write(List.of(event("req_late", 1), event("req_1", 1))); // a retried batch
            assertThat(count(db)).isEqualTo(751);
            var stored = db.jdbc().queryOne("SELECT at, user_id, credential_id, cached_tokens, reasoning_tokens, streamed"
                            + " FROM usage_events WHERE request_id = ?",
                    rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4) + "|"
                            + rs.getLong(5) + "|" + rs.getBoolean(6), "req_late");
            assertThat(stored).contains("2026-11-21T10:00:00.123Z|user_1|cred_1|10|5|false");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEstimatedRowSaysSoInTheLedgerAndAnExactOneDoesNot(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            var exact = event("req_exact", 5);
            var estimated = new LedgerEntry(AT, new RequestRecord("req_estimated", "key_1", "user_1", "ws_1",
                    "cred_1", "chat", "chat", "openai", "gpt-4o-mini", 200, 1, true, new Usage(700, 300, 0, 0), 285L,
                    1_500, 0, "cancelled", true, null));
            new LedgerWriter(db.jdbc()).write(List.of(exact, estimated));

            assertThat(db.jdbc().query("SELECT request_id, estimated, cost_micros FROM usage_events ORDER BY request_id",
                    rs -> rs.getString(1) + "|" + rs.getBoolean(2) + "|" + rs.getLong(3)))
                    .containsExactly("req_estimated|true|285", "req_exact|false|5");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullQueueMakesProducersWaitInsteadOfDropping(TestDatabase target) throws Exception {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            var atGate = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var database = new LedgerWriter(db.jdbc());
            UsageLedger.BatchStore gated = events -> {
                try {
                    atGate.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                database.write(events);
            };
            var ledger = UsageLedger.start(gated, journal(), new UsageLedger.Settings(4, 100, Duration.ofMillis(1)));
            ledger.append(event("req_0", 1));
            assertThat(atGate.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds req_0 and waits
            for (int i = 1; i <= 4; i++) {
                ledger.append(event("req_" + i, 1));
            }
            var blocked = CompletableFuture.runAsync(() -> ledger.append(event("req_5", 1)));
            assertThatThrownBy(() -> blocked.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(ledger.depth()).isEqualTo(4);

            release.countDown();
            blocked.get(10, TimeUnit.SECONDS);
            ledger.close();
            assertThat(count(db)).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatabaseOutageIsWaitedOutAndARefusedRowDoesNotHoldBackTheOthers(TestDatabase target) throws IOException {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            var database = new LedgerWriter(db.jdbc());
            var outages = new AtomicInteger(3);
            UsageLedger.BatchStore flaky = events -> {
                if (outages.getAndDecrement() > 0) {
                    throw new StoreException(db.dialect(), new SQLTransientConnectionException("connection refused"));
                }
                database.write(events);
            };
            var ledger = UsageLedger.start(flaky, journal(), new UsageLedger.Settings(100, 100, Duration.ofMillis(1)));
            for (int i = 0; i < 50; i++) {
                ledger.append(event("req_" + i, 1));
            }
            LedgerEntry good = event("req_good", 1);
            // outcome is NOT NULL: the database refuses this row whatever the moment
            ledger.append(new LedgerEntry(AT, new RequestRecord("req_bad", null, null, null, null, null, null, null,
                    null, 500, 0, false, Usage.NONE, null, 0, 0, null)));
            ledger.append(good);
            ledger.close();
            assertThat(count(db)).isEqualTo(51);
            assertThat(outages.get()).isNegative();
            assertJournalEmpty(); // the refused row too: it would be refused again at the next start
        }
    }
}
