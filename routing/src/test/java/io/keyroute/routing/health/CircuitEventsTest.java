package io.keyroute.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a provider's circuit tells its listener: each opening from closed and each closing, nothing else. */
class CircuitEventsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final Health health = new Health(new BreakerSettings(3, 0.5, 10, 6, Duration.ofSeconds(30), 1), clock,
            new CircuitEvents() {
                @Override
                public void opened(String providerId, LastError cause) {
                    told.add("opened " + providerId + (cause == null ? "" : " after " + cause.summary()));
                }

                @Override
                public void closed(String providerId) {
                    told.add("closed " + providerId);
                }
            });
    private final Target openai = new Target("openai", "gpt-4o-mini");

    private void fail(int n) {
        for (int i = 0; i < n; i++) {
            health.failed(openai, "cred_1", UpstreamError.status("openai", 503, "unavailable", null));
        }
    }

    @Test
    void anOpeningAFailedProbeAndAClosingAreToldAsOneOpeningAndOneClosing() {
        fail(2);
        assertThat(told).isEmpty();
        fail(1);
        assertThat(told).containsExactly("opened openai after openai 503");
        fail(2); // refused while open: nothing new
        clock.advance(Duration.ofSeconds(30));
        assertThat(health.provider("openai").tryAcquire()).isTrue();
        fail(1); // the probe fails: open again, not a new opening
        assertThat(told).containsExactly("opened openai after openai 503");

        clock.advance(Duration.ofSeconds(30));
        assertThat(health.provider("openai").tryAcquire()).isTrue();
        health.succeeded(openai, "cred_1", 10);
        assertThat(told).containsExactly("opened openai after openai 503", "closed openai");
        fail(3);
        assertThat(told).containsExactly("opened openai after openai 503", "closed openai", "opened openai after openai 503");
    }

    @Test
    void aCredentialsCircuitTellsNothing() {
        for (int i = 0; i < 5; i++) {
            health.failed(openai, "cred_1", UpstreamError.status("openai", 401, "invalid key", null));
        }
        assertThat(health.credential("openai", "cred_1").snapshot().state()).isEqualTo(CircuitState.OPEN);
        assertThat(told).isEmpty();
    }
}
