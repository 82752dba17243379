package io.keyroute.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Json;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.config.KeyrouteConfig.WebhookSettings;
import io.keyroute.vault.audit.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries to a real receiver on loopback: signed as documented, retried on 5xx and
 * refused connections up to the attempts allowed, never on a 4xx, bounded while a receiver stalls,
 * and each delivery's end in the audit log.
 */
class WebhooksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AlertFixture fixture = new AlertFixture();
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final AtomicReference<AlertsSettings> settings =
            new AtomicReference<>(AlertFixture.toWebhook(receiver.url(), 3, 100, List.of()));
    private final Webhooks webhooks = new Webhooks(settings::get, fixture.audit, Clock.systemUTC(), () -> 0.5);

    @AfterEach
    void close() {
        webhooks.close();
        receiver.close();
        fixture.close();
    }

    private static Alert alert(String id, AlertType type) {
        return new Alert(id, type, Instant.parse("2026-12-07T11:00:00Z"), "ws_acme", "Provider openai's circuit opened.",
                Json.MAPPER.createObjectNode().put("provider", "openai"));
    }

    @Test
    void aDeliveryIsTheAlertsJsonSignedWithTheSecretOverTimeAndBody() throws Exception {
        Alert alert = alert("alr_1", AlertType.CIRCUIT_OPENED);
        long before = Instant.now().getEpochSecond();
        webhooks.send(alert);

        var delivery = receiver.await(1, WAIT).getFirst();
        assertThat(delivery.json()).isEqualTo(alert.json());
        assertThat(delivery.signedWith(AlertFixture.SECRET)).isTrue();
        assertThat(delivery.signedWith("whsec_" + "anotherSecretAltogether")).isFalse();
        assertThat(delivery.timestamp()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(delivery.header("X-Keyroute-Event")).isEqualTo("circuit.opened");
        assertThat(delivery.header("X-Keyroute-Delivery")).isEqualTo("alr_1");
        assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
        assertThat(delivery.body()).doesNotContain(AlertFixture.SECRET);

        AuditEvent row = fixture.awaitDeliveryRows(1).getFirst();
        assertThat(row.actor()).isEqualTo("system");
        assertThat(row.action()).isEqualTo("alert.delivered");
        assertThat(row.target()).isEqualTo("alr_1");
        assertThat(row.workspaceId()).isEqualTo("ws_acme");
        assertThat(row.detail()).isEqualTo("webhook ops: HTTP 200 after 1 attempt").doesNotContain(receiver.url());
    }

    @Test
    void aServerErrorIsTriedAgainAndTheSuccessRecordedOnce() throws Exception {
        receiver.answer(500);
        webhooks.send(alert("alr_2", AlertType.CIRCUIT_OPENED));

        List<AuditEvent> rows = fixture.awaitDeliveryRows(1);
        assertThat(rows).extracting(AuditEvent::action, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alert.delivered",
                        "webhook ops: HTTP 200 after 2 attempts"));
        var deliveries = receiver.received();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body());
        assertThat(deliveries).allMatch(d -> d.signedWith(AlertFixture.SECRET));
        assertThat(webhooks.pending()).isZero();
    }

    @Test
    void aClientErrorIsNotTriedAgain() throws Exception {
        receiver.answer(400);
        webhooks.send(alert("alr_3", AlertType.CIRCUIT_OPENED));

        // The row is written only once no retry is scheduled: a retry would have been scheduled before it.
        assertThat(fixture.awaitDeliveryRows(1)).extracting(AuditEvent::action, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alert.delivery_failed",
                        "webhook ops: HTTP 400 after 1 attempt"));
        assertThat(webhooks.pending()).isZero();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void serverErrorsStopAtMaxAttempts() throws Exception {
        receiver.answer(503, 502, 500, 500);
        webhooks.send(alert("alr_4", AlertType.CIRCUIT_OPENED));

        assertThat(fixture.awaitDeliveryRows(1)).extracting(AuditEvent::detail)
                .containsExactly("webhook ops: HTTP 500 after 3 attempts");
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void aReceiverThatIsNotListeningIsTriedAgainThenRecordedAsFailed() throws Exception {
        settings.set(AlertFixture.toWebhook("http://127.0.0.1:9/hooks", 2, 100, List.of()));
        webhooks.send(alert("alr_5", AlertType.CIRCUIT_OPENED));

        assertThat(fixture.awaitDeliveryRows(1)).extracting(AuditEvent::action, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alert.delivery_failed",
                        "webhook ops: connection failed (ConnectException) after 2 attempts"));
    }

    @Test
    void aReceiverThatDoesNotAnswerWithinTheTimeoutIsTriedAgain() throws Exception {
        settings.set(new AlertsSettings(null, List.of(new WebhookSettings("ops", receiver.url(), List.of(),
                AlertFixture.SECRET, 500L)), 2, 1L, 100));
        receiver.stall();
        webhooks.send(alert("alr_t", AlertType.CIRCUIT_OPENED));

        assertThat(fixture.awaitDeliveryRows(1)).extracting(AuditEvent::action, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alert.delivery_failed",
                        "webhook ops: timed out after 2 attempts"));
        assertThat(receiver.received()).as("never a third attempt").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aWebhookGetsOnlyTheEventsItsFilterNames() throws Exception {
        settings.set(AlertFixture.toWebhook(receiver.url(), 3, 100, List.of("circuit.opened")));
        webhooks.send(alert("alr_6", AlertType.BUDGET_THRESHOLD));
        webhooks.send(alert("alr_7", AlertType.CIRCUIT_OPENED));

        assertThat(fixture.awaitDeliveryRows(1)).extracting(AuditEvent::target).containsExactly("alr_7");
        assertThat(receiver.received()).extracting(d -> d.json().get("id").asText()).containsExactly("alr_7");
    }

    @Test
    void whileAReceiverStallsAtMostQueueDeliveriesAreHeldAndTheRestAuditedAsNotSent() throws Exception {
        settings.set(AlertFixture.toWebhook(receiver.url(), 3, 2, List.of()));
        receiver.stall();
        for (int i = 0; i < 5; i++) {
            webhooks.send(alert("alr_q" + i, AlertType.CIRCUIT_OPENED));
        }

        assertThat(fixture.deliveryRows()).hasSize(3).allSatisfy(row -> {
            assertThat(row.action()).isEqualTo("alert.delivery_failed");
            assertThat(row.detail()).isEqualTo("webhook ops: not sent: 2 deliveries already waiting (alerts.queue)");
        });
        assertThat(webhooks.pending()).isEqualTo(2);
        receiver.release();
        assertThat(fixture.awaitDeliveryRows(5)).filteredOn(row -> row.action().equals("alert.delivered")).hasSize(2);
        assertThat(webhooks.pending()).isZero();
    }
}
