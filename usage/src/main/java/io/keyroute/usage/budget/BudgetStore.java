package io.keyroute.usage.budget;

/**
 * Where budget counters live: in this process, or shared by every replica (PostgreSQL, Redis).
 * Every implementation keeps the same promise: a reservation is held on all its counters or on
 * none, and is held only if, on each, settled spending plus live reservations plus it stays within
 * the limit. So spending passes a limit only when a request costs more than it reserved.
 */
public interface BudgetStore extends AutoCloseable {

    ReserveOutcome reserve(Reservation reservation);

    /**
     * The request ended and cost {@code actualMicros}: added to every counter's spending, and the
     * hold freed. A reservation that already expired is only charged (its hold is gone).
     */
    void settle(Reservation reservation, long actualMicros);

    /** The request never ran: its hold is freed and nothing is charged. */
    default void release(Reservation reservation) {
        settle(reservation, 0);
    }

    /** The counter's spending and live reservations now. */
    CounterState state(BudgetCounter counter);

    @Override
    default void close() {
    }
}
