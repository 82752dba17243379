package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetLinesTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void aPlanBudgetAndAWorkspaceBudgetOnTheSameCounterMergeIntoTheSmaller() {
        var lines = new BudgetLines(NOW)
                .add(BudgetScope.WORKSPACE, "ws", new Budget(BudgetPeriod.MONTHLY, 9_000_000))
                .add(BudgetScope.WORKSPACE, "ws", new Budget(BudgetPeriod.MONTHLY, 5_000_000))
                .add(BudgetScope.WORKSPACE, "ws", new Budget(BudgetPeriod.DAILY, 1_000_000))
                .add(BudgetScope.USER, null, new Budget(BudgetPeriod.DAILY, 1))
                .add(BudgetScope.KEY, "key", null)
                .lines();

        assertThat(lines).containsExactly(
                new CounterLimit(new BudgetCounter(BudgetScope.WORKSPACE, "ws", BudgetPeriod.MONTHLY,
                        Instant.parse("2026-11-01T00:00:00Z")), 5_000_000),
                new CounterLimit(new BudgetCounter(BudgetScope.WORKSPACE, "ws", BudgetPeriod.DAILY,
                        Instant.parse("2026-11-21T00:00:00Z")), 1_000_000));
    }

    @Test
    void periodsAreUtcCalendarDaysAndMonthsAndNameTheirCounters() {
        var counter = BudgetCounter.of(BudgetScope.KEY, "k1", BudgetPeriod.MONTHLY, Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(counter.id()).isEqualTo("key/k1/monthly/2026-12");
        assertThat(counter.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        var day = BudgetCounter.of(BudgetScope.USER, "u1", BudgetPeriod.DAILY, Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(day.id()).isEqualTo("user/u1/daily/2026-02-28");
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }
}
