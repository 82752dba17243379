package io.keyroute.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.routing.health.CircuitEvents;
import io.keyroute.routing.health.LastError;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provider's circuit opening and closing again: each transition one alert, stored and sent. */
class CircuitAlertsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AlertFixture fixture = new AlertFixture();
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final Alerts alerts = new Alerts(fixture.db.jdbc(), fixture.audit,
            () -> AlertFixture.toWebhook(receiver.url(), 3, 100, List.of("circuit.opened", "circuit.closed")),
            Clock.systemUTC());

    @AfterEach
    void close() {
        alerts.close();
        receiver.close();
        fixture.close();
    }

    @Test
    void eachOpeningAndClosingIsAnAlertSentToTheWebhook() throws Exception {
        CircuitEvents circuits = alerts.circuits();
        circuits.opened("anthropic", new LastError(Instant.parse("2026-12-07T11:00:00Z"), "anthropic 529"));
        circuits.closed("anthropic");
        circuits.opened("anthropic", null);
        assertThat(alerts.awaitNotes(WAIT)).isTrue();

        var deliveries = receiver.await(3, WAIT);
        assertThat(deliveries).extracting(d -> d.json().get("summary").asText()).containsExactlyInAnyOrder(
                "Provider anthropic's circuit opened: anthropic 529.",
                "Provider anthropic's circuit closed again.",
                "Provider anthropic's circuit opened.");
        assertThat(deliveries).allMatch(d -> d.signedWith(AlertFixture.SECRET));
        var stored = alerts.log().recent(null, 10, null).items();
        assertThat(stored).extracting(a -> a.type().wire())
                .containsExactlyInAnyOrder("circuit.opened", "circuit.closed", "circuit.opened");
        assertThat(stored).allMatch(a -> a.workspaceId() == null);
        assertThat(stored).filteredOn(a -> a.data().has("last_error")).singleElement()
                .satisfies(a -> assertThat(a.data().get("last_error").toString())
                        .isEqualTo("{\"at\":\"2026-12-07T11:00:00.000Z\",\"summary\":\"anthropic 529\"}"));
    }

    @Test
    void alertsOlderThanTheRetentionAreDeleted() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-12-07T11:00:00Z"));
        try (var kept = new Alerts(fixture.db.jdbc(), fixture.audit,
                () -> new AlertsSettings(null, List.of(), 1, 1L, 10, 30), clock)) {
            kept.circuits().opened("old", null);
            assertThat(kept.awaitNotes(WAIT)).isTrue();
            clock.advance(Duration.ofDays(20));
            kept.circuits().opened("recent", null);
            assertThat(kept.awaitNotes(WAIT)).isTrue();
            clock.advance(Duration.ofDays(11)); // the first is 31 days old, the second 11

            kept.purge();

            assertThat(kept.log().recent(null, 10, null).items()).extracting(a -> a.data().get("provider").asText())
                    .containsExactly("recent");
        }
    }
}
