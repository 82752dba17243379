package io.keyroute.usage.budget;

import java.time.Instant;

/**
 * One owner's spending in one period: what reservations are held against and costs added to.
 * The period's start is part of the identity, so a new day or month starts a new counter at zero.
 */
public record BudgetCounter(BudgetScope scope, String ownerId, BudgetPeriod period, Instant start) {

    /** The counter of the period that {@code now} falls in. */
    public static BudgetCounter of(BudgetScope scope, String ownerId, BudgetPeriod period, Instant now) {
        return new BudgetCounter(scope, ownerId, period, period.start(now));
    }

    /** When this counter's period is over (and the next one starts at zero). */
    public Instant end() {
        return period.next(start);
    }

    /** A stable text identity, the key in shared stores: {@code workspace/ws_1/monthly/2026-11}. */
    public String id() {
        return scope.wire() + "/" + ownerId + "/" + period.wire() + "/" + period.key(start);
    }
}
