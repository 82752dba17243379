package io.keyroute.usage.budget;

/** A hard spending limit: at most {@code limitMicros} micro-dollars per {@code period}. */
public record Budget(BudgetPeriod period, long limitMicros) {
    public Budget {
        if (limitMicros < 0) {
            throw new IllegalArgumentException("a budget cannot be negative");
        }
    }
}
