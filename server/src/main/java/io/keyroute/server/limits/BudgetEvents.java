package io.keyroute.server.limits;

import io.keyroute.usage.budget.CounterLimit;
import io.keyroute.usage.budget.CounterState;
import java.util.List;

/**
 * What the budget gate reports besides its answers: metrics count these, alerts watch the
 * counters. Each runs on the request's thread, so an implementation only takes note.
 */
public interface BudgetEvents {
    BudgetEvents NONE = new BudgetEvents() {
        @Override
        public void settledAboveReservation(long excessMicros) {
        }

        @Override
        public void settleFailed() {
        }
    };

    /** A request's cost passed its reservation by {@code excessMicros}; only the reservation was charged. */
    void settledAboveReservation(long excessMicros);

    /** A settle could not reach the budget store; it is kept and retried. */
    void settleFailed();

    /**
     * A request of a caller in {@code workspaceId} was charged to the counters of {@code lines}:
     * {@code after} is each one's state once charged, in the same order, as the store answered the settle.
     */
    default void charged(String workspaceId, List<CounterLimit> lines, List<CounterState> after) {
    }

    /**
     * A request was refused because {@code line}'s budget is used up: its spending ({@code state})
     * and the request's bound pass the limit, whatever the requests in flight give back.
     */
    default void usedUp(String workspaceId, CounterLimit line, CounterState state) {
    }

    /** These events told to {@code this}, then to {@code next}. */
    default BudgetEvents andThen(BudgetEvents next) {
        BudgetEvents first = this;
        return new BudgetEvents() {
            @Override
            public void settledAboveReservation(long excessMicros) {
                first.settledAboveReservation(excessMicros);
                next.settledAboveReservation(excessMicros);
            }

            @Override
            public void settleFailed() {
                first.settleFailed();
                next.settleFailed();
            }

            @Override
            public void charged(String workspaceId, List<CounterLimit> lines, List<CounterState> after) {
                first.charged(workspaceId, lines, after);
                next.charged(workspaceId, lines, after);
            }

            @Override
            public void usedUp(String workspaceId, CounterLimit line, CounterState state) {
                first.usedUp(workspaceId, line, state);
                next.usedUp(workspaceId, line, state);
            }
        };
    }
}
