package io.keyroute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.routing.RetryPolicy.Action;
import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyPropertyTest {

    /**
     * backoff(n) lies in [min(max(retryAfter, ⌊base·2^(n-1)/2⌋), cap), cap] (in milliseconds), so it
     * never undercuts Retry-After unless the cap forces it, and never exceeds the larger of
     * Retry-After and the un-jittered exponential.
     */
    @Property(tries = 2000)
    void backoffStaysWithinItsBounds(
            @ForAll @IntRange(min = 1, max = 64) int retry,
            @ForAll @LongRange(min = 1, max = 10_000) long baseMs,
            @ForAll @LongRange(min = 1, max = 3_600_000) long capMs,
            @ForAll("retryAfterMs") Long retryAfterMs,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double jitter) {
        var policy = new RetryPolicy(3, Duration.ofMillis(baseMs), Duration.ofMillis(capMs), () -> jitter);
        var failure = UpstreamError.status("p", 429, "x", retryAfterMs == null ? null : Duration.ofMillis(retryAfterMs));

        long actual = policy.backoff(retry, failure).toMillis();

        BigInteger exponential = BigInteger.valueOf(baseMs).shiftLeft(retry - 1);
        BigInteger retryAfter = BigInteger.valueOf(retryAfterMs == null ? 0 : retryAfterMs);
        BigInteger cap = BigInteger.valueOf(capMs);
        long lower = exponential.shiftRight(1).max(retryAfter).min(cap).longValueExact();
        assertThat(actual).isBetween(lower, capMs);
        assertThat(actual).isGreaterThanOrEqualTo(Math.min(retryAfter.longValue(), capMs));
        assertThat(BigInteger.valueOf(actual)).isLessThanOrEqualTo(exponential.max(retryAfter));
    }

    @Property(tries = 1000)
    void neverRetriesTheSameCandidateOnceAttemptsAreUsedUp(
            @ForAll("failures") UpstreamError failure,
            @ForAll @IntRange(min = 1, max = 10) int maxAttempts,
            @ForAll @IntRange(min = 0, max = 10) int beyond) {
        var policy = new RetryPolicy(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5);

        assertThat(policy.decide(failure, maxAttempts + beyond)).isNotEqualTo(Action.RETRY_SAME);
    }

    @Property(tries = 500)
    void neverRetriesARefusedCredential(
            @ForAll("credentialStatuses") int status,
            @ForAll("retryAfterMs") Long retryAfterMs,
            @ForAll @IntRange(min = 1, max = 10) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 10) int attempts) {
        var policy = new RetryPolicy(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5);
        var failure = UpstreamError.status("p", status, "invalid key",
                retryAfterMs == null ? null : Duration.ofMillis(retryAfterMs));

        assertThat(policy.decide(failure, attempts)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @Property(tries = 1000)
    void retryableFailureBelowMaxAttemptsWithShortRetryAfterIsRetried(
            @ForAll("failures") UpstreamError failure,
            @ForAll @IntRange(min = 2, max = 10) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 9) int attempts) {
        var cap = Duration.ofSeconds(30);
        var policy = new RetryPolicy(maxAttempts, Duration.ofMillis(100), cap, () -> 0.5);
        boolean expectRetry = failure.retryable() && attempts < maxAttempts
                && failure.retryAfter().map(d -> d.compareTo(cap) <= 0).orElse(true);

        Action action = policy.decide(failure, attempts);

        assertThat(action == Action.RETRY_SAME).isEqualTo(expectRetry);
    }

    @Provide
    Arbitrary<Long> retryAfterMs() {
        return Arbitraries.longs().between(0, 7_200_000).injectNull(0.3);
    }

    @Provide
    Arbitrary<Integer> credentialStatuses() {
        return Arbitraries.of(401, 403);
    }

    @Provide
    Arbitrary<UpstreamError> failures() {
        Arbitrary<UpstreamError> statuses = Arbitraries.integers().between(400, 599)
                .flatMap(status -> retryAfterMs().map(ms -> UpstreamError.status("p", status, "x",
                        ms == null ? null : Duration.ofMillis(ms))));
        Arbitrary<UpstreamError> others = Arbitraries.of(
                UpstreamError.connect("p", "refused"),
                UpstreamError.timeout("p", Duration.ofSeconds(5)),
                UpstreamError.protocol("p", "bad json"));
        return Arbitraries.oneOf(statuses, statuses, others);
    }
}
