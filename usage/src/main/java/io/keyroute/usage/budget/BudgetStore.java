package io.keyroute.usage.budget;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where budget counters live: in this process, or shared by every replica (PostgreSQL, Redis).
 * Every implementation keeps the same promise: a reservation is held on all its counters or on
 * none, and is held only if, on each, settled spending plus live reservations plus it stays within
 * the limit. So spending passes a limit only when a request costs more than it reserved.
 */
public interface BudgetStore extends AutoCloseable {

    ReserveOutcome reserve(Reservation reservation);

    /**
     * The request ended and cost {@code actualMicros}: added to every counter's spending, but never
     * more than the reservation's amount ({@link Reservation#charged}), and the hold freed. A
     * reservation that already expired is only charged (its hold is gone).
     *
     * @return each counter's state once charged, in the reservation's line order (what budget alerts
     *         compare with their thresholds, so they need not read the counters again); a counter the
     *         store no longer has is not charged (it starts again from the ledger) and answers
     *         {@link CounterState#EMPTY}
     */
    List<CounterState> settle(Reservation reservation, long actualMicros);

    /**
     * {@link #settle} without waiting for the store where it can (Redis): the same charge, its answer
     * once the store has it, or failed (nothing charged, or, after a timeout, not known). A reserve
     * this process makes after this call sees the charge. Here: settled on the caller's thread.
     */
    default CompletionStage<List<CounterState>> settleAsync(Reservation reservation, long actualMicros) {
        try {
            return CompletableFuture.completedFuture(settle(reservation, actualMicros));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The request is still running: its holds, where they are still held, now last until the
     * reservation's {@code expiresAt}. A hold that was settled or already lapsed stays gone.
     */
    void renew(Reservation reservation);

    /**
     * Sets the counter's spending to the ledger's sum for its period, what a counter starts from
     * (an admin's repair after a settle that was lost or wrong); its live holds stay.
     */
    void recompute(BudgetCounter counter);

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
