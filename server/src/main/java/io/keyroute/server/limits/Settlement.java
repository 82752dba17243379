package io.keyroute.server.limits;

import io.keyroute.usage.budget.BudgetStore;
import io.keyroute.usage.budget.Reservation;

/** One request's charge to its budget counters, kept until the store has taken it. */
record Settlement(BudgetStore store, Reservation reservation, long costMicros) {

    /** Hands the charge to the store; false (and nothing charged) when the store cannot be reached. */
    boolean tryNow() {
        try {
            store.settle(reservation, costMicros);
            return true;
        } catch (RuntimeException e) {
            HeldBudgets.LOG.error("budget settle of request {} failed, kept to retry: {}", reservation.requestId(),
                    e.toString());
            return false;
        }
    }
}
