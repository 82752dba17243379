package io.keyroute.usage.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RateLimiterPropertyTest {
    private static final long MINUTE_MS = 60_000;

    /**
     * Over any stretch of time, a key is admitted at most its limit plus what refilled meanwhile;
     * and a key idle for a minute is always admitted.
     */
    @Property
    void requestsPerMinuteHoldOverEveryWindow(@ForAll @IntRange(min = 1, max = 30) int rpm,
                                              @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 20_000) Integer> pauses) {
        var clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        var limiter = new RateLimiter(new LocalBucketStore(new ClockTimeMeter(clock), 10));
        Needs needs = new Needs(Set.of(), 1, 1, 1);
        List<Long> admitted = new ArrayList<>();
        long now = 0;
        for (int pause : pauses) {
            clock.advance(Duration.ofMillis(pause));
            now += pause;
            boolean idleForAMinute = admitted.isEmpty() || now - admitted.getLast() >= MINUTE_MS;
            try {
                limiter.admit("k", rpm, null, needs);
                admitted.add(now);
            } catch (LimitExceeded refused) {
                assertThat(idleForAMinute).as("refused after a minute idle").isFalse();
            }
        }
        for (int i = 0; i < admitted.size(); i++) {
            for (int j = i; j < admitted.size(); j++) {
                double refilled = rpm * (double) (admitted.get(j) - admitted.get(i)) / MINUTE_MS;
                assertThat(j - i + 1).as("admitted from %d ms to %d ms", admitted.get(i), admitted.get(j))
                        .isLessThanOrEqualTo((int) Math.floor(rpm + refilled));
            }
        }
    }

    /** The admission charge is never less than the prompt, and never more than the limit unless the caller asked for more. */
    @Property
    void theEstimateCoversThePromptAndStaysWithinTheLimitWhenNoOutputWasAsked(
            @ForAll @IntRange(max = 1_000_000) int prompt, @ForAll @IntRange(min = 1, max = 1_000_000) int tpm) {
        long estimate = TokenEstimate.of(new Needs(Set.of(), prompt, 0, Needs.DEFAULT_OUTPUT_TOKENS), tpm);

        assertThat(estimate).isGreaterThanOrEqualTo(prompt).isLessThanOrEqualTo(Math.max(prompt, tpm))
                .isLessThanOrEqualTo(prompt + Needs.DEFAULT_OUTPUT_TOKENS);
    }
}
