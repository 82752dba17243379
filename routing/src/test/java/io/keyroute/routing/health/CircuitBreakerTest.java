package io.keyroute.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final BreakerSettings settings = new BreakerSettings(3, 0.5, 10, 6, Duration.ofSeconds(30), 1);
    private final CircuitBreaker breaker = new CircuitBreaker(settings, clock);

    private void fail(int n) {
        for (int i = 0; i < n; i++) {
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterConsecutiveFailures() {
        fail(2);
        assertThat(breaker.snapshot().state()).isEqualTo(CircuitState.CLOSED);
        fail(1);

        CircuitSnapshot open = breaker.snapshot();
        assertThat(open.state()).isEqualTo(CircuitState.OPEN);
        assertThat(open.probeAt()).isEqualTo(Instant.parse("2026-11-21T10:00:30Z"));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void opensOnErrorRateOnceTheWindowHoldsEnough() {
        breaker.onSuccess();
        fail(2);
        breaker.onSuccess();
        fail(1);
        assertThat(breaker.snapshot().state()).as("3 of 5 failed, but fewer calls than min_calls").isEqualTo(CircuitState.CLOSED);
        fail(1);

        // 4 failures in 6 calls, never 3 in a row: the rate (>= 50%) opens it.
        assertThat(breaker.snapshot().state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.snapshot().consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void halfOpenLetsOneProbeThroughAndClosesOnItsSuccess() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.snapshot().state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("one probe at a time").isFalse();
        breaker.onSuccess();

        CircuitSnapshot closed = breaker.snapshot();
        assertThat(closed.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(closed.errorRate()).isZero();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedProbeReopensForAnotherWait() {
        fail(3);
        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();

        assertThat(breaker.snapshot().state()).isEqualTo(CircuitState.OPEN);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aProbeThatNeverReportsBackDoesNotHoldTheCircuitForever() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).as("a fresh probe").isTrue();
    }

    @Test
    void healthBlamesTheProviderForOutagesAndTheCredentialForRefusals() {
        var health = new Health(settings, clock);
        Target t = Target.parse("openai/gpt-4o-mini");
        for (int i = 0; i < 3; i++) {
            health.failed(t, "cred-a", UpstreamError.status("openai", 401, "bad key", null));
        }
        assertThat(health.credential("openai", "cred-a").snapshot().state()).isEqualTo(CircuitState.OPEN);
        assertThat(health.provider("openai").snapshot().state()).isEqualTo(CircuitState.CLOSED);

        for (int i = 0; i < 3; i++) {
            health.failed(t, "cred-b", UpstreamError.status("openai", 400, "bad request", null));
        }
        assertThat(health.provider("openai").snapshot().state()).as("the caller's fault").isEqualTo(CircuitState.CLOSED);

        for (int i = 0; i < 3; i++) {
            health.failed(t, "cred-b", UpstreamError.timeout("openai", Duration.ofSeconds(1)));
        }
        assertThat(health.provider("openai").snapshot().state()).isEqualTo(CircuitState.OPEN);
        assertThat(health.credential("openai", "cred-b").snapshot().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void latencyMedianPerTargetAndProvider() {
        var health = new Health(settings, clock);
        Target a = Target.parse("openai/a");
        Target b = Target.parse("openai/b");
        health.succeeded(a, "c", 100);
        health.succeeded(a, "c", 300);
        health.succeeded(a, "c", 200);
        health.succeeded(b, "c", 50);

        assertThat(health.latency().p50(a)).hasValue(200);
        assertThat(health.latency().p50(b)).hasValue(50);
        assertThat(health.latency().providerP50("openai")).hasValue(100);
        assertThat(health.latency().p50(Target.parse("openai/c"))).isEmpty();
    }
}
