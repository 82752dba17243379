package io.keyroute.server.limits;

import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.BudgetStore;
import io.keyroute.usage.budget.Reservation;
import java.time.Instant;

/**
 * What an admitted request holds on its budgets until it ends: renewed while it runs, settled once.
 * The settle charges at most the reservation (the store's promise); a cost above it is logged and
 * counted, never believed.
 */
final class HeldReservation implements Admission {
    private final BudgetStore store;
    private final HeldBudgets keeper;
    private final BudgetEvents events;
    private final String workspaceId;
    private Reservation reservation;
    private boolean ended;

    HeldReservation(BudgetStore store, Reservation reservation, HeldBudgets keeper, BudgetEvents events,
                    String workspaceId) {
        this.store = store;
        this.workspaceId = workspaceId;
        this.reservation = reservation;
        this.keeper = keeper;
        this.events = events;
        keeper.running(this);
    }

    /** Extends the holds once they would lapse within {@link HeldBudgets#RENEW_WITHIN}; never after the end. */
    synchronized void renewIfDue(Instant now) {
        if (ended || reservation.expiresAt().isAfter(now.plus(HeldBudgets.RENEW_WITHIN))) {
            return;
        }
        Reservation renewed = reservation.until(now.plus(BudgetGate.HOLD));
        try {
            store.renew(renewed);
            reservation = renewed;
        } catch (RuntimeException e) { // tried again at the next tick, long before the hold lapses
            HeldBudgets.LOG.warn("budget hold renewal of request {} failed: {}", renewed.requestId(), e.toString());
        }
    }

    @Override
    public void settle(RequestRecord record) {
        long cost = record.costMicros() == null ? 0 : record.costMicros();
        Reservation held = end();
        long excess = cost - held.amountMicros();
        if (excess > 0) {
            HeldBudgets.LOG.warn("request {} cost ${}, more than the ${} it reserved; only the reservation is charged"
                            + " to its budgets", held.requestId(), CostCalculator.usd(cost),
                    CostCalculator.usd(held.amountMicros()));
            events.settledAboveReservation(excess);
        }
        // Not waited for; a settle kept to retry tells no one: the next charge on those counters brings their states.
        keeper.settle(new Settlement(store, held, cost), after -> events.charged(workspaceId, held.lines(), after));
    }

    @Override
    public void release() {
        keeper.settle(new Settlement(store, end(), 0), after -> {
        });
    }

    /** No renewal starts after this; one in progress has finished (the store sees it before the settle). */
    private synchronized Reservation end() {
        ended = true;
        keeper.ended(this);
        return reservation;
    }
}
