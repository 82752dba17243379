package io.keyroute.server.ops;

import io.keyroute.server.limits.BudgetEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The budget gate's events as counters: costs above their reservation (not charged) and failed settles. */
final class BudgetMetrics implements BudgetEvents {
    private final Counter aboveReservation;
    private final Counter excessUsd;
    private final Counter settleFailures;

    BudgetMetrics(MeterRegistry registry) {
        aboveReservation = Counter.builder("keyroute.budget.settle.above.reservation")
                .description("Requests whose reported cost passed their reservation; only the reservation was charged")
                .register(registry);
        excessUsd = Counter.builder("keyroute.budget.settle.excess.usd")
                .description("Reported cost above the reservations, not charged to budgets").register(registry);
        settleFailures = Counter.builder("keyroute.budget.settle.failures")
                .description("Budget settles the store refused, kept and retried").register(registry);
    }

    @Override
    public void settledAboveReservation(long excessMicros) {
        aboveReservation.increment();
        excessUsd.increment(excessMicros / 1_000_000.0);
    }

    @Override
    public void settleFailed() {
        settleFailures.increment();
    }
}
