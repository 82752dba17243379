package io.keyroute.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The pause before a webhook delivery's next attempt. */
class WebhookBackoffTest {

    @Property
    void aBackoffDoublesFromBackoffMsUpToAMinuteAndWaitsHalfToAllOfIt(@ForAll @IntRange(min = 1, max = 40) int attempt,
                                                                        @ForAll @LongRange(min = 1, max = 120_000) long backoffMs,
                                                                        @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double jitter) {
        var settings = new AlertsSettings(null, List.of(), 5, backoffMs, 10);
        try (var webhooks = new Webhooks(() -> settings, null, Clock.systemUTC(), () -> jitter)) {
            long full = Math.min(60_000, backoffMs * (1L << Math.min(attempt - 1, 20)));
            assertThat(webhooks.backoff(attempt).toMillis()).isBetween(full / 2, full);
        }
    }
}
