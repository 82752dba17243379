package io.keyroute.usage.budget;

/** A counter's money: settled spending, and what requests in flight hold. */
public record CounterState(long spentMicros, long reservedMicros) {
    public static final CounterState EMPTY = new CounterState(0, 0);
}
