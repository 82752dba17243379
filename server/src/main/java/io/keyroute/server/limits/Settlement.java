package io.keyroute.server.limits;

import io.keyroute.usage.budget.BudgetStore;
import io.keyroute.usage.budget.CounterState;
import io.keyroute.usage.budget.Reservation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One request's charge to its budget counters, kept until the store has taken it. */
record Settlement(BudgetStore store, Reservation reservation, long costMicros) {

    /**
     * Hands the charge to the store: its counters' states once charged, or empty (and nothing
     * charged) when the store cannot be reached.
     */
    /** Hands the charge to the store without waiting: the counters' states once it answers, or failed. */
    CompletionStage<List<CounterState>> send() {
        try {
            return store.settleAsync(reservation, costMicros);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    Optional<List<CounterState>> tryNow() {
        try {
            return Optional.of(store.settle(reservation, costMicros));
        } catch (RuntimeException e) {
            HeldBudgets.LOG.error("budget settle of request {} failed, kept to retry: {}", reservation.requestId(),
                    e.toString());
            return Optional.empty();
        }
    }
}
