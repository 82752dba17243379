package io.keyroute.usage.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The Redis store (one Lua script a take, corrections not waited for) answers exactly as the
 * in-process one (Bucket4j's buckets) for any run of admissions, settles, releases and pauses:
 * admitted or refused by the same limit, with the same wait to within a millisecond.
 */
class RedisMatchesLocalPropertyTest {
    private static final Optional<String> REDIS = TestServices.redisUrl();

    sealed interface Step {
    }

    /** @param tokens whether the tpm is asked too (else rpm only, as token counts are) */
    record Admit(boolean tokens, int prompt, int output) implements Step {
    }

    record Settle(int which, int actual) implements Step {
    }

    record Release(int which) implements Step {
    }

    record Pause(int millis) implements Step {
    }

    @Property(tries = 60)
    void redisAnswersAsTheInProcessStore(@ForAll @IntRange(min = 1, max = 20) int rpm,
                                          @ForAll @IntRange(min = 50, max = 5_000) int tpm,
                                          @ForAll("steps") List<Step> steps) {
        if (REDIS.isEmpty()) {
            return; // TestServices printed why
        }
        var clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        var time = new ClockTimeMeter(clock);
        String prefix = "keyroute-test:" + UUID.randomUUID() + ":";
        try (var local = new LocalBucketStore(time, 100); var redis = new RedisBucketStore(REDIS.get(), prefix, time)) {
            var inProcess = new RateLimiter(local);
            var shared = new RateLimiter(redis);
            List<Taken[]> running = new ArrayList<>();
            for (Step step : steps) {
                switch (step) {
                    case Admit admit -> {
                        Integer tokens = admit.tokens() ? tpm : null;
                        Needs needs = new Needs(Set.of(), admit.prompt(), admit.output(), admit.output());
                        Outcome expected = admit(inProcess, rpm, tokens, needs);
                        Outcome actual = admit(shared, rpm, tokens, needs);
                        assertThat(actual.refusal()).as("after %s", step).isEqualTo(expected.refusal());
                        assertThat(actual.waitMillis()).as("wait after %s", step)
                                .isCloseTo(expected.waitMillis(), within(1L));
                        if (expected.taken() != null) {
                            running.add(new Taken[] {expected.taken(), actual.taken()});
                        }
                    }
                    case Settle settle when !running.isEmpty() -> {
                        Taken[] both = running.remove(settle.which() % running.size());
                        both[0].settle(settle.actual());
                        both[1].settle(settle.actual());
                    }
                    case Release release when !running.isEmpty() -> {
                        Taken[] both = running.remove(release.which() % running.size());
                        both[0].release();
                        both[1].release();
                    }
                    case Pause pause -> clock.advance(Duration.ofMillis(pause.millis()));
                    default -> {
                    }
                }
            }
        }
    }

    /** @param refusal the refusal's message, null when admitted */
    record Outcome(Taken taken, String refusal, long waitMillis) {
    }

    private static Outcome admit(RateLimiter limiter, int rpm, Integer tpm, Needs needs) {
        try {
            return new Outcome(limiter.admit("k", rpm, tpm, needs), null, 0);
        } catch (LimitExceeded refused) {
            return new Outcome(null, refused.getMessage(), refused.retryAfter().map(Duration::toMillis).orElse(-1L));
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> admit = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 1_500),
                Arbitraries.integers().between(0, 1_500)).as(Admit::new);
        Arbitrary<Step> settle = Combinators.combine(Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 6_000)).as(Settle::new);
        Arbitrary<Step> release = Arbitraries.integers().between(0, 50).map(Release::new);
        Arbitrary<Step> pause = Arbitraries.oneOf(Arbitraries.integers().between(0, 2_000),
                Arbitraries.integers().between(0, 120_000)).map(Pause::new);
        return Arbitraries.frequencyOf(
                Tuple.of(4, admit), Tuple.of(2, settle),
                Tuple.of(1, release), Tuple.of(3, pause)).list().ofMaxSize(80);
    }
}
