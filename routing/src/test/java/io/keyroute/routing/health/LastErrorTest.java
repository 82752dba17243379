package io.keyroute.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LastErrorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final Health health = new Health(BreakerSettings.DEFAULT, clock);
    private final Target openai = new Target("openai", "gpt-4o-mini");

    @Test
    void theLatestFailureBlamedOnTheProviderOrItsCredentialIsKeptWithoutTheProvidersText() {
        assertThat(health.lastError("openai")).isEmpty();
        health.failed(openai, "system:openai", UpstreamError.status("openai", 503, "overloaded, key sk-proj-secret", null));
        assertThat(health.lastError("openai")).contains(new LastError(Instant.parse("2026-12-07T09:00:00Z"), "openai 503"));

        clock.advance(Duration.ofSeconds(5));
        health.failed(openai, "cred_1", UpstreamError.status("openai", 401, "Incorrect API key provided: sk-proj-abc", null));
        assertThat(health.lastError("openai")).contains(new LastError(Instant.parse("2026-12-07T09:00:05Z"), "openai 401"));

        clock.advance(Duration.ofSeconds(5));
        health.failed(openai, "cred_1", UpstreamError.status("openai", 400, "bad request", null)); // the caller's fault
        health.succeeded(openai, "cred_1", 40);
        assertThat(health.lastError("openai")).contains(new LastError(Instant.parse("2026-12-07T09:00:05Z"), "openai 401"));
        assertThat(health.lastError("anthropic")).isEmpty();
    }
}
