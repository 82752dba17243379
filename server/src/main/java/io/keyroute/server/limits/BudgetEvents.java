package io.keyroute.server.limits;

/** What the budget gate reports besides its answers: metrics count these. */
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
}
