package io.keyroute.usage.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against the real Redis, and two replicas sharing it. */
class RedisRateLimiterTest extends RateLimiterContract {
    private static Optional<String> redis;
    /** This run's own keys in the shared Redis; they expire by themselves once refilled. */
    private final String prefix = "keyroute-test:" + UUID.randomUUID() + ":";

    @BeforeAll
    static void redis() {
        redis = TestServices.redisUrl();
    }

    @Override
    BucketStore open(ClockTimeMeter time) {
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        return new RedisBucketStore(redis.get(), prefix, time);
    }

    @Test
    void twoReplicasSharingRedisNeverAdmitMoreThanTheLimitTogether() throws Exception {
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        var time = new ClockTimeMeter(clock);
        try (var a = new RedisBucketStore(redis.get(), prefix, time);
             var b = new RedisBucketStore(redis.get(), prefix, time);
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<RateLimiter> replicas = List.of(new RateLimiter(a), new RateLimiter(b));
            for (int window = 0; window < 2; window++) {
                List<Callable<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    RateLimiter replica = replicas.get(i % 2);
                    attempts.add(() -> admitted(replica));
                }
                long admitted = 0;
                for (Future<Boolean> f : pool.invokeAll(attempts)) {
                    admitted += f.get() ? 1 : 0;
                }
                assertThat(admitted).as("admitted in minute %d", window).isEqualTo(7);
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }

    private boolean admitted(RateLimiter replica) {
        try {
            replica.admit(key("shared"), 7, null, SMALL);
            return true;
        } catch (LimitExceeded refused) {
            return false;
        }
    }
}
