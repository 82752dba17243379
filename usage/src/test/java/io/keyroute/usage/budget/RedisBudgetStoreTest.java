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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
}
