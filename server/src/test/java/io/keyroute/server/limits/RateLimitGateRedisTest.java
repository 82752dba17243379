package io.keyroute.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** With {@code redis.url} set, two replicas' gates share their buckets through Redis. */
class RateLimitGateRedisTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    @Test
    void twoReplicasTogetherAdmitNoMoreThanTheKeysLimitInAMinute() throws Exception {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        KeyrouteConfig config = new ConfigLoader(Map.of("KEYROUTE_REDIS_URL", redis.get())).loadDefaults();
        var caller = new Caller("key_" + UUID.randomUUID(), "user_1", "ws_1", null, Set.of(), false,
                new KeyLimits(5, null, null));
        var needs = new Needs(Set.of(), 10, 10, 10);
        var request = new GateRequest("req_1", caller,
                new RouteDecision("m", null, "direct", null, null, needs, List.of(), List.of(), "asked for it"), null, 100);
        try (var a = RateLimitGate.forConfig(config, clock); var b = RateLimitGate.forConfig(config, clock);
             ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int minute = 0; minute < 2; minute++) {
                List<Callable<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    RateLimitGate replica = i % 2 == 0 ? a : b;
                    attempts.add(() -> {
                        try {
                            replica.admit(request);
                            return true;
                        } catch (LimitExceeded refused) {
                            return false;
                        }
                    });
                }
                int admitted = 0;
                for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                    admitted += attempt.get() ? 1 : 0;
                }
                assertThat(admitted).as("admitted in minute %d", minute).isEqualTo(5);
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }
}
