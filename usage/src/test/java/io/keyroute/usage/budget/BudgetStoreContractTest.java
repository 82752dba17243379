package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.store.Database;
import io.keyroute.store.Times;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The promises of {@link BudgetStore}, held by every store: in-process, PostgreSQL, Redis. */
class BudgetStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(10);

    /** A store over a migrated database whose ledger the test can write, and the clock it reads. */
    record Fixture(BudgetStore store, Database db, MutableClock clock) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            db.close();
        }
    }

    record Target(String name, Function<MutableClock, Fixture> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Target> stores() {
        List<Target> all = new ArrayList<>();
        all.add(new Target("in-process", clock -> {
            Database db = migrated(TestServices.sqlite().url());
            return new Fixture(new LocalBudgetStore(new LedgerSpending(db.jdbc()), clock), db, clock);
        }));
        TestServices.postgresUrl().ifPresent(url -> all.add(new Target("postgresql", clock -> {
            Database db = migrated(TestServices.databases().getLast().url());
            return new Fixture(new PostgresBudgetStore(db.jdbc(), clock), db, clock);
        })));
        TestServices.redisUrl().ifPresent(url -> all.add(new Target("redis", clock -> {
            Database db = migrated(TestServices.sqlite().url());
            String prefix = "kr-test:" + UUID.randomUUID() + ":"; // tests sharing the Redis never meet
            return new Fixture(new RedisBudgetStore(url, prefix, new LedgerSpending(db.jdbc()), clock), db, clock);
        })));
        return all;
    }

    private static Database migrated(String url) {
        Database db = Database.open(url);
        db.migrate();
        return db;
    }

    private static Fixture open(Target target) {
        return target.open().apply(new MutableClock(NOW));
    }

    private static CounterLimit line(String workspace, long limit) {
        return new CounterLimit(BudgetCounter.of(BudgetScope.WORKSPACE, workspace, BudgetPeriod.MONTHLY, NOW), limit);
    }

    private static Reservation reservation(Fixture f, String id, long amount, CounterLimit... lines) {
        return new Reservation(id, List.of(lines), amount, f.clock().instant().plus(HOLD));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void holdsUpToTheLimitAndRefusesWhatWouldPassIt(Target target) {
        try (var f = open(target)) {
            CounterLimit ws = line("ws_a", 1_000);
            assertThat(f.store().reserve(reservation(f, "r1", 300, ws))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().reserve(reservation(f, "r2", 300, ws))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().reserve(reservation(f, "r3", 400, ws))).isEqualTo(ReserveOutcome.HELD);

            assertThat(f.store().reserve(reservation(f, "r4", 1, ws)))
                    .isEqualTo(new ReserveOutcome.Refused(ws, new CounterState(0, 1_000)));

            assertThat(f.store().settle(reservation(f, "r1", 300, ws), 120)).containsExactly(new CounterState(120, 700));
            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(120, 700));
            assertThat(f.store().reserve(reservation(f, "r5", 180, ws))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().reserve(reservation(f, "r6", 1, ws))).isInstanceOf(ReserveOutcome.Refused.class);
        }
    }

    /** What budget alerts compare with their thresholds, without reading the counters again. */
    @ParameterizedTest
    @MethodSource("stores")
    void aSettleAnswersEachCountersStateOnceChargedInTheReservationsOrder(Target target) {
        try (var f = open(target)) {
            CounterLimit a = line("ws_order_a", 1_000);
            CounterLimit b = line("ws_order_b", 1_000);
            assertThat(f.store().reserve(reservation(f, "other", 200, b))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().settle(reservation(f, "other", 200, b), 70)).containsExactly(new CounterState(70, 0));
            assertThat(f.store().reserve(reservation(f, "running", 400, b))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().reserve(reservation(f, "both", 300, a, b))).isEqualTo(ReserveOutcome.HELD);

            assertThat(f.store().settle(reservation(f, "both", 300, a, b), 100))
                    .containsExactly(new CounterState(100, 0), new CounterState(170, 400));
            // Settled again, its lines given the other way round: nothing left to free, the answer in the lines' (id) order.
            assertThat(f.store().settle(reservation(f, "both", 300, b, a), 0))
                    .containsExactly(new CounterState(100, 0), new CounterState(170, 400));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aReservationIsHeldOnEveryCounterOrOnNone(Target target) {
        try (var f = open(target)) {
            CounterLimit roomy = line("ws_roomy", 10_000);
            CounterLimit tight = line("ws_tight", 500);
            assertThat(f.store().reserve(reservation(f, "r1", 400, tight))).isEqualTo(ReserveOutcome.HELD);

            var refused = f.store().reserve(reservation(f, "r2", 200, roomy, tight));

            assertThat(refused).isEqualTo(new ReserveOutcome.Refused(tight, new CounterState(0, 400)));
            assertThat(f.store().state(roomy.counter())).isEqualTo(new CounterState(0, 0));
            assertThat(f.store().reserve(reservation(f, "r3", 100, roomy, tight))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().state(roomy.counter())).isEqualTo(new CounterState(0, 100));
            assertThat(f.store().state(tight.counter())).isEqualTo(new CounterState(0, 500));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void releaseGivesTheRoomBackAndChargesNothing(Target target) {
        try (var f = open(target)) {
            CounterLimit ws = line("ws_r", 1_000);
            Reservation r = reservation(f, "r1", 1_000, ws);
            assertThat(f.store().reserve(r)).isEqualTo(ReserveOutcome.HELD);

            f.store().release(r);

            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(0, 0));
            assertThat(f.store().reserve(reservation(f, "r2", 1_000, ws))).isEqualTo(ReserveOutcome.HELD);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theHoldOfACrashedRequestLapsesAndItsLateSettleOnlyCharges(Target target) {
        try (var f = open(target)) {
            CounterLimit ws = line("ws_x", 1_000);
            Reservation crashed = reservation(f, "crashed", 800, ws);
            assertThat(f.store().reserve(crashed)).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().reserve(reservation(f, "r2", 300, ws))).isInstanceOf(ReserveOutcome.Refused.class);

            f.clock().advance(HOLD);

            assertThat(f.store().reserve(reservation(f, "r3", 300, ws))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(0, 300));
            f.store().settle(crashed, 50); // it did finish after all: its cost counts, its hold is already gone
            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(50, 300));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aCounterStartsFromTheLedgerOfItsPeriodAndANewPeriodFromZero(Target target) {
        try (var f = open(target)) {
            ledgerRow(f.db(), "old", "ws_l", Instant.parse("2026-10-31T23:59:59Z"), 5_000);
            ledgerRow(f.db(), "a", "ws_l", Instant.parse("2026-11-01T00:00:00Z"), 250);
            ledgerRow(f.db(), "b", "ws_l", Instant.parse("2026-11-20T08:00:00Z"), 150);
            ledgerRow(f.db(), "other", "ws_other", Instant.parse("2026-11-20T08:00:00Z"), 9_000);
            CounterLimit ws = line("ws_l", 1_000);

            assertThat(f.store().reserve(reservation(f, "r1", 601, ws))).isInstanceOf(ReserveOutcome.Refused.class);
            assertThat(f.store().reserve(reservation(f, "r2", 600, ws))).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(400, 600));

            f.clock().advance(Duration.ofDays(10)); // December
            CounterLimit december = new CounterLimit(
                    BudgetCounter.of(BudgetScope.WORKSPACE, "ws_l", BudgetPeriod.MONTHLY, f.clock().instant()), 1_000);
            assertThat(f.store().reserve(reservation(f, "r3", 1_000, december))).isEqualTo(ReserveOutcome.HELD);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void concurrentReservationsNeverPassTheLimit(Target target) throws Exception {
        try (var f = open(target); var pool = Executors.newFixedThreadPool(16)) {
            CounterLimit ws = line("ws_c", 2_000);
            CounterLimit user = new CounterLimit(BudgetCounter.of(BudgetScope.USER, "u_c", BudgetPeriod.DAILY, NOW), 5_000);
            List<Future<ReserveOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String id = "r" + i;
                answers.add(pool.submit((Callable<ReserveOutcome>) () ->
                        f.store().reserve(reservation(f, id, 100, ws, user))));
            }
            long held = 0;
            for (var answer : answers) {
                held += answer.get() == ReserveOutcome.HELD ? 1 : 0;
            }
            assertThat(held).isEqualTo(20);
            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(0, 2_000));
            assertThat(f.store().state(user.counter())).isEqualTo(new CounterState(0, 2_000));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aSettleChargesAtMostWhatWasReservedOnEveryCounter(Target target) {
        try (var f = open(target)) {
            CounterLimit ws = line("ws_s", 1_000_000);
            CounterLimit user = new CounterLimit(BudgetCounter.of(BudgetScope.USER, "u_s", BudgetPeriod.DAILY, NOW), 5_000);
            Reservation r = reservation(f, "r1", 300, ws, user);
            assertThat(f.store().reserve(r)).isEqualTo(ReserveOutcome.HELD);

            f.store().settle(r, 1_000_000_000_000L); // a self-reported 10^9 tokens

            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(300, 0));
            assertThat(f.store().state(user.counter())).isEqualTo(new CounterState(300, 0));
            assertThat(f.store().reserve(reservation(f, "r2", 4_700, ws, user))).isEqualTo(ReserveOutcome.HELD);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aRenewedHoldOutlivesItsFirstExpiryAndASettledOneIsNotRevived(Target target) {
        try (var f = open(target)) {
            CounterLimit ws = line("ws_n", 1_000);
            Reservation streaming = reservation(f, "streaming", 600, ws);
            Reservation finished = reservation(f, "finished", 300, ws);
            assertThat(f.store().reserve(streaming)).isEqualTo(ReserveOutcome.HELD);
            assertThat(f.store().reserve(finished)).isEqualTo(ReserveOutcome.HELD);
            f.store().settle(finished, 100);

            f.clock().advance(HOLD.minusMinutes(1));
            f.store().renew(streaming.until(f.clock().instant().plus(HOLD)));
            f.store().renew(finished.until(f.clock().instant().plus(HOLD)));
            f.clock().advance(Duration.ofMinutes(2)); // past the first expiry

            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(100, 600));
            assertThat(f.store().reserve(reservation(f, "r3", 301, ws))).isInstanceOf(ReserveOutcome.Refused.class);
            f.clock().advance(HOLD); // a renewed hold still lapses if its request stops renewing it
            assertThat(f.store().reserve(reservation(f, "r4", 900, ws))).isEqualTo(ReserveOutcome.HELD);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void recomputeSetsSpendingToTheLedgerAndKeepsTheHolds(Target target) {
        try (var f = open(target)) {
            CounterLimit ws = line("ws_re", 1_000_000);
            Reservation drained = reservation(f, "drained", 900_000, ws);
            assertThat(f.store().reserve(drained)).isEqualTo(ReserveOutcome.HELD);
            f.store().settle(drained, 900_000); // a wrong count settled before it was capped
            Reservation live = reservation(f, "live", 1_000, ws);
            assertThat(f.store().reserve(live)).isEqualTo(ReserveOutcome.HELD);
            ledgerRow(f.db(), "drained", "ws_re", NOW, 120);
            ledgerRow(f.db(), "earlier", "ws_re", Instant.parse("2026-11-02T00:00:00Z"), 80);

            f.store().recompute(ws.counter());

            assertThat(f.store().state(ws.counter())).isEqualTo(new CounterState(200, 1_000));
        }
    }

    private static void ledgerRow(Database db, String requestId, String workspace, Instant at, long cost) {
        db.jdbc().update("INSERT INTO usage_events (request_id, at, workspace_id, status, outcome, attempts, streamed,"
                        + " prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, cost_micros, latency_us, ttft_us)"
                        + " VALUES (?, ?, ?, 200, 'ok', 1, FALSE, 0, 0, 0, 0, ?, 0, 0)",
                requestId, Times.format(at), workspace, cost);
    }
}
