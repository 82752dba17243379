package io.keyroute.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.testkit.MutableClock;
import io.keyroute.usage.budget.BudgetCounter;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.CounterLimit;
import io.keyroute.usage.budget.CounterState;
import io.keyroute.usage.budget.LedgerSpending;
import io.keyroute.usage.budget.LocalBudgetStore;
import io.keyroute.usage.budget.Reservation;
import io.keyroute.usage.budget.ReserveOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Budget thresholds over a real budget store and the alerts table: each of 50/80/100% raised once
 * per budget period as spending passes it (several at once when one charge passes several), a
 * refusal of a used-up budget counts as 100%, a new period starts over, and two replicas noticing
 * the same crossing raise one alert. Every raised alert reaches the webhook, signed.
 */
class BudgetAlertsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long LIMIT = 1_000_000; // $1

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T11:00:00Z"));
    private final AlertFixture fixture = new AlertFixture();
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final AlertsSettings settings = AlertFixture.toWebhook(receiver.url(), 3, 100, List.of());
    private final LocalBudgetStore store = new LocalBudgetStore(new LedgerSpending(fixture.db.jdbc()), clock);
    private final List<Alerts> replicas = new ArrayList<>();
    private final Alerts alerts = replica();
    private final BudgetEvents events = alerts.budgets(() -> true);
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void close() {
        replicas.forEach(Alerts::close);
        receiver.close();
        fixture.close();
    }

    private Alerts replica() {
        Alerts replica = new Alerts(fixture.db.jdbc(), fixture.audit, () -> settings, clock);
        replicas.add(replica);
        return replica;
    }

    private CounterLimit workspaceMonthly() {
        return new CounterLimit(BudgetCounter.of(BudgetScope.WORKSPACE, "ws_acme", BudgetPeriod.MONTHLY, clock.instant()),
                LIMIT);
    }

    /** A request reserves and is charged {@code micros} on the workspace's monthly budget, as the gate does. */
    private void spend(long micros, BudgetEvents... noticing) throws InterruptedException {
        var reservation = new Reservation("req_" + requests.incrementAndGet(), List.of(workspaceMonthly()), micros,
                clock.instant().plusSeconds(600));
        assertThat(store.reserve(reservation)).isEqualTo(ReserveOutcome.HELD);
        var after = store.settle(reservation, micros);
        for (BudgetEvents each : noticing.length == 0 ? new BudgetEvents[] {events} : noticing) {
            each.charged("ws_acme", reservation.lines(), after);
        }
        for (Alerts replica : replicas) {
            assertThat(replica.awaitNotes(WAIT)).isTrue();
        }
    }

    private List<JsonNode> raised() {
        return alerts.log().recent(null, 100, null).items().reversed().stream().map(a -> (JsonNode) a.json()).toList();
    }

    /** The thresholds raised, lowest first (alerts raised in one instant have no order of their own). */
    private static List<Integer> thresholds(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.at("/data/threshold_percent").asInt()).sorted().toList();
    }

    private JsonNode raisedAt(int threshold) {
        return raised().stream().filter(a -> a.at("/data/threshold_percent").asInt() == threshold).findFirst().orElseThrow();
    }

    @Test
    void eachThresholdIsRaisedOnceAsSpendingPassesIt() throws Exception {
        spend(400_000);
        assertThat(raised()).isEmpty();
        spend(150_000); // 55%
        assertThat(thresholds(raised())).containsExactly(50);
        spend(50_000); // 60%
        assertThat(thresholds(raised())).containsExactly(50);
        spend(250_000); // 85%
        assertThat(thresholds(raised())).containsExactly(50, 80);
        spend(150_000); // 100%
        spend(0);
        assertThat(thresholds(raised())).containsExactly(50, 80, 100);

        JsonNode eighty = raisedAt(80);
        assertThat(eighty.get("type").asText()).isEqualTo("budget.threshold");
        assertThat(eighty.get("workspace_id").asText()).isEqualTo("ws_acme");
        assertThat(eighty.get("summary").asText())
                .isEqualTo("The workspace ws_acme's monthly budget reached 80%: $0.850000 of $1.000000 spent.");
        assertThat(eighty.get("data").toString()).isEqualTo("{\"scope\":\"workspace\",\"owner_id\":\"ws_acme\","
                + "\"period\":\"monthly\",\"period_start\":\"2026-12-01T00:00:00.000Z\",\"resets_at\":\"2027-01-01T00:00:00.000Z\","
                + "\"threshold_percent\":80,\"limit_usd\":\"1.000000\",\"spent_usd\":\"0.850000\",\"reserved_usd\":\"0.000000\"}");

        var deliveries = receiver.await(3, WAIT);
        assertThat(deliveries).hasSize(3).allMatch(d -> d.signedWith(AlertFixture.SECRET));
        assertThat(thresholds(deliveries.stream().map(WebhookReceiver.Delivery::json).toList()))
                .containsExactly(50, 80, 100);
        assertThat(fixture.awaitDeliveryRows(3)).extracting(e -> e.action()).containsOnly("alert.delivered");
    }

    @Test
    void oneChargePassingSeveralThresholdsRaisesEach() throws Exception {
        spend(850_000);
        assertThat(thresholds(raised())).containsExactly(50, 80);
    }

    @Test
    void aRefusalOfAUsedUpBudgetCountsAsOneHundredPercentOnce() throws Exception {
        spend(990_000);
        var line = workspaceMonthly();
        events.usedUp("ws_acme", line, store.state(line.counter()));
        events.usedUp("ws_acme", line, store.state(line.counter()));
        assertThat(alerts.awaitNotes(WAIT)).isTrue();
        assertThat(thresholds(raised())).containsExactly(50, 80, 100);
        assertThat(raisedAt(100).at("/data/spent_usd").asText()).isEqualTo("0.990000");
    }

    @Test
    void aNewPeriodStartsOver() throws Exception {
        spend(600_000);
        clock.advance(Duration.ofDays(30)); // January
        spend(600_000);
        assertThat(raised()).extracting(a -> a.at("/data/period_start").asText())
                .containsExactlyInAnyOrder("2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z");
    }

    @Test
    void twoReplicasNoticingTheSameCrossingRaiseOneAlert() throws Exception {
        BudgetEvents other = replica().budgets(() -> true);
        spend(600_000, events, other);
        assertThat(thresholds(raised())).containsExactly(50);
        assertThat(receiver.await(1, WAIT)).hasSize(1);
    }

    @Test
    void aProcessThatDoesNotEvaluateBudgetsRaisesNothing() throws Exception {
        BudgetEvents follower = alerts.budgets(() -> false);
        spend(900_000, follower);
        assertThat(raised()).isEmpty();
    }

    /**
     * Settles are answered on the store's thread, not in request order: each threshold is still raised
     * once, with the spending of the answer that first reached it, whichever answer comes first.
     */
    @Test
    void settlesAnsweredOutOfRequestOrderRaiseEachThresholdOnce() throws Exception {
        var line = workspaceMonthly();
        var answers = new ArrayList<List<CounterState>>();
        for (long micros : new long[] {450_000, 100_000, 300_000, 50_000}) { // 45%, 55%, 85%, 90%
            var reservation = new Reservation("req_" + requests.incrementAndGet(), List.of(line), micros,
                    clock.instant().plusSeconds(600));
            assertThat(store.reserve(reservation)).isEqualTo(ReserveOutcome.HELD);
            answers.add(store.settle(reservation, micros));
        }

        for (int i : new int[] {3, 1, 0, 2}) { // 90% first, then 55%, 45%, 85%
            events.charged("ws_acme", List.of(line), answers.get(i));
        }
        assertThat(alerts.awaitNotes(WAIT)).isTrue();

        assertThat(thresholds(raised())).containsExactly(50, 80);
        assertThat(raisedAt(50).at("/data/spent_usd").asText()).isEqualTo("0.900000");
        assertThat(receiver.await(2, WAIT)).hasSize(2);
    }
}
