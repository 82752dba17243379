package io.keyroute.usage.budget;

/** A counter and the limit a request must stay within on it. */
public record CounterLimit(BudgetCounter counter, long limitMicros) {
}
