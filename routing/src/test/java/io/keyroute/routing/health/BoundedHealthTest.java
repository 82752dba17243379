package io.keyroute.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.catalog.Target;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What a caller's made-up names and a user's many credentials can grow: never beyond a fixed bound. */
class BoundedHealthTest {
    private final Health health = new Health(BreakerSettings.DEFAULT, Clock.systemUTC());

    @Test
    void tenThousandDistinctModelsLeaveTheLatencyWindowsBounded() {
        Target used = new Target("openai", "gpt-4o-mini");
        for (int i = 0; i < 10_000; i++) {
            health.succeeded(new Target("openai", "made-up-" + i), "system:openai", 100);
            health.succeeded(used, "system:openai", 40);
        }

        LatencyRecorder latency = health.latency();
        assertThat(latency.targetWindows()).isLessThanOrEqualTo(LatencyRecorder.MAX_TARGETS);
        assertThat(latency.p50(used)).hasValue(40); // the model in use keeps its window
        assertThat(latency.providerP50("openai")).isPresent();
    }

    @Test
    void credentialBreakersAreBoundedAndProviderBreakersKept() {
        for (int i = 0; i < Health.MAX_CREDENTIAL_BREAKERS + 5_000; i++) {
            health.failed(new Target("openai", "gpt-4o-mini"), "cred_" + i,
                    io.keyroute.api.error.UpstreamError.connect("openai", "refused"));
        }

        assertThat(health.credentialBreakers()).isLessThanOrEqualTo(Health.MAX_CREDENTIAL_BREAKERS);
        assertThat(health.provider("openai").snapshot().state()).isEqualTo(CircuitState.OPEN);
    }
}
