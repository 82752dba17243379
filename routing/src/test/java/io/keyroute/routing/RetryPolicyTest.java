package io.keyroute.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.routing.RetryPolicy.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(10);

    private static RetryPolicy policy(int maxAttempts, double jitter) {
        return new RetryPolicy(maxAttempts, BASE, CAP, () -> jitter);
    }

    private static UpstreamError status(int status) {
        return UpstreamError.status("p", status, "x", null);
    }

    private static UpstreamError status(int status, Duration retryAfter) {
        return UpstreamError.status("p", status, "x", retryAfter);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialMovesOnEvenOnTheFirstAttempt(int code) {
        assertThat(policy(3, 0).decide(status(code), 1)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 413, 422})
    void callersMistakeGoesBackToTheCaller(int code) {
        assertThat(policy(3, 0).decide(status(code), 1)).isEqualTo(Action.RETURN_TO_CALLER);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 529})
    void retryableStatusIsRetriedUntilMaxAttemptsThenMovesOn(int code) {
        RetryPolicy policy = policy(3, 0);

        assertThat(policy.decide(status(code), 1)).isEqualTo(Action.RETRY_SAME);
        assertThat(policy.decide(status(code), 2)).isEqualTo(Action.RETRY_SAME);
        assertThat(policy.decide(status(code), 3)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @Test
    void connectErrorAndTimeoutAreRetried() {
        assertThat(policy(2, 0).decide(UpstreamError.connect("p", "refused"), 1)).isEqualTo(Action.RETRY_SAME);
        assertThat(policy(2, 0).decide(UpstreamError.timeout("p", Duration.ofSeconds(1)), 1)).isEqualTo(Action.RETRY_SAME);
        assertThat(policy(2, 0).decide(UpstreamError.timeout("p", Duration.ofSeconds(1)), 2)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @Test
    void maxAttemptsOfOneNeverRetries() {
        assertThat(policy(1, 0).decide(status(503), 1)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @Test
    void retryAfterLongerThanTheCapMovesOn() {
        assertThat(policy(3, 0).decide(status(429, CAP.plusMillis(1)), 1)).isEqualTo(Action.NEXT_CANDIDATE);
        assertThat(policy(3, 0).decide(status(429, CAP), 1)).isEqualTo(Action.RETRY_SAME);
    }

    @Test
    void aSpentQuotaIsNotRetriedOnTheSameKey() {
        UpstreamError quota = UpstreamError.status("p", 429, "You exceeded your current quota", null, true);
        assertThat(policy(3, 0).decide(quota, 1)).isEqualTo(Action.NEXT_CANDIDATE);
        assertThat(policy(3, 0).decide(UpstreamError.status("p", 402, "Insufficient Balance", null), 1))
                .isEqualTo(Action.NEXT_CANDIDATE);
        assertThat(policy(3, 0).decide(status(429), 1)).as("a rate limit is").isEqualTo(Action.RETRY_SAME);
    }

    @Test
    void protocolErrorMovesOn() {
        assertThat(policy(3, 0).decide(UpstreamError.protocol("p", "bad json"), 1)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @ParameterizedTest
    @ValueSource(ints = {405, 409, 418, 501})
    void otherNonRetryableStatusesMoveOn(int code) {
        assertThat(policy(3, 0).decide(status(code), 1)).isEqualTo(Action.NEXT_CANDIDATE);
    }

    @Test
    void backoffDoublesWithJitterBetweenHalfAndWhole() {
        assertThat(policy(5, 0).backoff(1, status(503))).isEqualTo(Duration.ofMillis(100));
        assertThat(policy(5, 0).backoff(2, status(503))).isEqualTo(Duration.ofMillis(200));
        assertThat(policy(5, 0).backoff(3, status(503))).isEqualTo(Duration.ofMillis(400));
        assertThat(policy(5, 0.5).backoff(3, status(503))).isEqualTo(Duration.ofMillis(600));
        assertThat(policy(5, 0.999).backoff(1, status(503))).isEqualTo(Duration.ofMillis(199));
    }

    @Test
    void backoffHonoursRetryAfterAndTheCap() {
        assertThat(policy(5, 0).backoff(1, status(429, Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy(5, 0).backoff(1, status(429, Duration.ofMinutes(5)))).isEqualTo(CAP);
        assertThat(policy(5, 0.9).backoff(10, status(503))).isEqualTo(CAP);
    }

    @Test
    void backoffKeepsGrowingToTheCapForLateRetries() {
        // 1 ms doubled 21 times is 2,097,152 ms; halved by the smallest jitter still above this cap.
        var policy = new RetryPolicy(50, Duration.ofMillis(1), Duration.ofMillis(524_289), () -> 0);

        assertThat(policy.backoff(22, status(503))).isEqualTo(Duration.ofMillis(524_289));
        assertThat(policy.backoff(64, status(503))).isEqualTo(Duration.ofMillis(524_289));
        assertThat(policy.backoff(1_000, status(503))).isEqualTo(Duration.ofMillis(524_289));
    }

    @Test
    void maxAttemptsMustBePositive() {
        assertThatThrownBy(() -> new RetryPolicy(0, BASE, CAP, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalAttemptsAndTimeBoundARequestAcrossCandidates() {
        var policy = new RetryPolicy(3, BASE, CAP, 4, Duration.ofSeconds(10), () -> 0);

        assertThat(policy.mayAttempt(3, Duration.ofSeconds(1), Duration.ZERO)).isTrue();
        assertThat(policy.mayAttempt(4, Duration.ofSeconds(1), Duration.ZERO)).as("attempts used up").isFalse();
        assertThat(policy.mayAttempt(1, Duration.ofSeconds(9), Duration.ofSeconds(1))).isTrue();
        assertThat(policy.mayAttempt(1, Duration.ofSeconds(9), Duration.ofMillis(1_001))).as("would overrun the time").isFalse();
        assertThat(new RetryPolicy(3, BASE, CAP, () -> 0).mayAttempt(1_000, Duration.ofDays(1), CAP)).as("unbounded").isTrue();
    }
}
