package io.keyroute.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.routing.health.BreakerSettings;
import io.keyroute.routing.health.CircuitState;
import io.keyroute.routing.health.Health;
import io.keyroute.server.accounting.UsageSink;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the scrape shows for the facts no integration test can produce yet (no limit throws today). */
class GatewayMetricsTest {
    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void limitRejectionsAreCountedByCodeThroughAComposedSink() {
        UsageSink composed = ((UsageSink) record -> { }).andThen(metrics.usage());

        composed.limitRejected("budget_exceeded");
        composed.limitRejected("budget_exceeded");
        composed.limitRejected("rate_limited");

        assertThat(metrics.scrape()).contains("keyroute_limit_rejections_total{code=\"budget_exceeded\"} 2.0",
                "keyroute_limit_rejections_total{code=\"rate_limited\"} 1.0");
    }

    @Test
    void costAboveAReservationAndFailedSettlesAreCounted() {
        metrics.budgets().settledAboveReservation(2_500_000);
        metrics.budgets().settledAboveReservation(500_000);
        metrics.budgets().settleFailed();
        var pending = new AtomicInteger(4);
        metrics.watchUnsettledBudgets(pending::get);

        assertThat(metrics.scrape()).contains("keyroute_budget_settle_above_reservation_total 2.0",
                "keyroute_budget_settle_excess_usd_total 3.0", "keyroute_budget_settle_failures_total 1.0",
                "keyroute_budget_settles_pending 4.0");
    }

    @Test
    void theLedgerDepthIsReadAtEachScrape() {
        var depth = new AtomicInteger(3);
        metrics.watchLedger(depth::get);
        assertThat(metrics.scrape()).contains("keyroute_ledger_queue_depth 3.0");

        depth.set(0);
        assertThat(metrics.scrape()).contains("keyroute_ledger_queue_depth 0.0");
    }

    @Test
    void anOpenCircuitShowsAsTwo() {
        var health = new Health(BreakerSettings.DEFAULT, Clock.systemUTC());
        metrics.watchCircuits(health, () -> List.of("down", "up"));
        for (int i = 0; i < 20 && health.provider("down").snapshot().state() != CircuitState.OPEN; i++) {
            health.provider("down").onFailure();
        }
        assertThat(health.provider("down").snapshot().state()).isEqualTo(CircuitState.OPEN);

        assertThat(metrics.scrape()).contains("keyroute_circuit_state{provider=\"down\"} 2.0",
                "keyroute_circuit_state{provider=\"up\"} 0.0");
    }
}
