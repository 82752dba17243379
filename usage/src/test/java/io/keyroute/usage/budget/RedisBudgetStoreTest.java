package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.store.Database;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TcpRelay;
import io.keyroute.testkit.services.TestServices;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RedisBudgetStoreTest {

    /** Redis keeps a counter a day past its period, counted from the store's clock, whatever Redis's own says. */
    @Test
    void aCountersKeysLiveUntilADayAfterItsPeriodByTheStoresClock() {
        Optional<String> url = TestServices.redisUrl();
        assumeTrue(url.isPresent(), "needs Redis (KEYROUTE_TEST_REDIS_URL)");
        Instant now = Instant.parse("2025-03-10T12:00:00Z"); // long before Redis's own date
        var clock = new MutableClock(now);
        String prefix = "kr-test:" + UUID.randomUUID() + ":";
        var counter = BudgetCounter.of(BudgetScope.WORKSPACE, "ws_ttl", BudgetPeriod.MONTHLY, now);
        try (Database db = Database.open(TestServices.sqlite().url());
             var store = new RedisBudgetStore(url.get(), prefix, new LedgerSpending(db.jdbc()), clock);
             var redis = RedisClient.create(url.get())) {
            db.migrate();
            var reservation = new Reservation("r1", List.of(new CounterLimit(counter, 1_000)), 10,
                    now.plus(Duration.ofMinutes(10)));
            assertThat(store.reserve(reservation)).isEqualTo(ReserveOutcome.HELD);

            long expected = Duration.between(now, Instant.parse("2025-04-02T00:00:00Z")).toMillis(); // April 1st + a day
            try (var connection = redis.connect()) {
                for (String key : List.of(prefix + counter.id(), prefix + counter.id() + ":holds")) {
                    assertThat(connection.sync().pttl(key)).as(key).isBetween(expected - 10_000, expected);
                }
            }
        }
    }

    /**
     * A counter Redis lost (evicted, flushed) is not charged by a settle, which answers it empty; the
     * next reservation starts it from the ledger, once: the ledger is read on the first reservation
     * only, however many follow.
     */
    @Test
    void aCounterLostFromRedisStartsAgainFromTheLedgerOnce() {
        Optional<String> url = TestServices.redisUrl();
        assumeTrue(url.isPresent(), "needs Redis (KEYROUTE_TEST_REDIS_URL)");
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        var clock = new MutableClock(now);
        String prefix = "kr-test:" + UUID.randomUUID() + ":";
        var line = new CounterLimit(BudgetCounter.of(BudgetScope.WORKSPACE, "ws_lost", BudgetPeriod.MONTHLY, now), 1_000);
        var readings = new AtomicInteger();
        SpendingHistory ledger = counter -> {
            readings.incrementAndGet();
            return 250;
        };
        try (var store = new RedisBudgetStore(url.get(), prefix, ledger, clock);
             var redis = RedisClient.create(url.get()); var connection = redis.connect()) {
            var first = new Reservation("r1", List.of(line), 100, now.plus(Duration.ofMinutes(10)));
            assertThat(store.reserve(first)).isEqualTo(ReserveOutcome.HELD);
            connection.sync().del(prefix + line.counter().id());

            assertThat(store.settle(first, 100)).containsExactly(CounterState.EMPTY);
            assertThat(connection.sync().exists(prefix + line.counter().id())).isZero();

            for (String id : List.of("r2", "r3", "r4")) {
                var next = new Reservation(id, List.of(line), 100, now.plus(Duration.ofMinutes(10)));
                assertThat(store.reserve(next)).isEqualTo(ReserveOutcome.HELD);
                assertThat(store.settle(next, 10)).hasSize(1);
            }
            assertThat(store.state(line.counter())).isEqualTo(new CounterState(280, 0));
            assertThat(readings).hasValue(2); // the first start, and the one after the loss
        }
    }

    /** Readiness asks the store's Redis: a PING through a relay the test cuts, as when Redis goes down. */
    @Test
    void reachableWhileRedisAnswersAndNotOnceItIsCutOff() throws Exception {
        Optional<String> url = TestServices.redisUrl();
        assumeTrue(url.isPresent(), "needs Redis (KEYROUTE_TEST_REDIS_URL)");
        URI redis = URI.create(url.get());
        try (var relay = new TcpRelay(redis.getHost(), redis.getPort());
             Database db = Database.open(TestServices.sqlite().url());
             var store = new RedisBudgetStore("redis://127.0.0.1:" + relay.port(), "kr-test:" + UUID.randomUUID() + ":",
                     new LedgerSpending(db.jdbc()), Clock.systemUTC())) {
            assertThat(store.reachable()).isTrue();

            relay.cut();
            Thread.sleep(1_100); // past the one second a PING's answer stands for

            assertThat(store.reachable()).isFalse();
        }
    }

    /**
     * A settle not waited for lands all the same (its answer the counter's state once charged), and a
     * reserve sent after it, before its answer came, already sees it: one connection keeps them in order.
     * r2 fits only once r1's hold of 600 is freed (100 spent + 900 = the limit).
     */
    @Test
    void anAsyncSettleLandsBeforeAnyReserveSentAfterIt() throws Exception {
        Optional<String> url = TestServices.redisUrl();
        assumeTrue(url.isPresent(), "needs Redis (KEYROUTE_TEST_REDIS_URL)");
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        var line = new CounterLimit(BudgetCounter.of(BudgetScope.WORKSPACE, "ws_async", BudgetPeriod.MONTHLY, now), 1_000);
        try (var store = new RedisBudgetStore(url.get(), "kr-test:" + UUID.randomUUID() + ":", counter -> 0,
                new MutableClock(now))) {
            for (int round = 0; round < 20; round++) {
                var first = new Reservation("r1-" + round, List.of(line), 600, now.plus(Duration.ofMinutes(10)));
                assertThat(store.reserve(first)).isEqualTo(ReserveOutcome.HELD);
                var settled = store.settleAsync(first, 100).toCompletableFuture();
                var second = new Reservation("r2-" + round, List.of(line), 900, now.plus(Duration.ofMinutes(10)));

                assertThat(store.reserve(second)).as("round %d", round).isEqualTo(ReserveOutcome.HELD);
                assertThat(settled.get(10, TimeUnit.SECONDS)).containsExactly(new CounterState(100, 0));
                store.release(second);
                assertThat(store.state(line.counter())).isEqualTo(new CounterState(100, 0));
                store.recompute(line.counter()); // back to the ledger's 0 for the next round
            }
        }
    }

    /** Closing waits for the settles still unanswered: each is answered, none cancelled with the connection. */
    @Test
    void closeWaitsForTheSettlesStillInFlight() throws Exception {
        Optional<String> url = TestServices.redisUrl();
        assumeTrue(url.isPresent(), "needs Redis (KEYROUTE_TEST_REDIS_URL)");
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        String prefix = "kr-test:" + UUID.randomUUID() + ":";
        var line = new CounterLimit(BudgetCounter.of(BudgetScope.USER, "u_close", BudgetPeriod.DAILY, now), 1_000_000);
        var answers = new ArrayList<CompletableFuture<List<CounterState>>>();
        var store = new RedisBudgetStore(url.get(), prefix, counter -> 0, new MutableClock(now));
        var reservations = new ArrayList<Reservation>();
        for (int i = 0; i < 300; i++) {
            var r = new Reservation("r" + i, List.of(line), 10, now.plus(Duration.ofMinutes(10)));
            assertThat(store.reserve(r)).isEqualTo(ReserveOutcome.HELD);
            reservations.add(r);
        }
        for (Reservation r : reservations) {
            answers.add(store.settleAsync(r, 3).toCompletableFuture());
        }
        store.close();

        assertThat(answers).allMatch(a -> a.isDone() && !a.isCompletedExceptionally());
        assertThat(store.unanswered()).isZero();
        try (var reader = new RedisBudgetStore(url.get(), prefix, counter -> 0, new MutableClock(now))) {
            assertThat(reader.state(line.counter())).isEqualTo(new CounterState(900, 0));
        }
    }
}
