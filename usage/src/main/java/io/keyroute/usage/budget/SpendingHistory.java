package io.keyroute.usage.budget;

/**
 * What a counter's owner already spent in its period before the store first saw the counter: a
 * restarted Keyroute (or an emptied Redis) does not forget the period's spending.
 */
@FunctionalInterface
public interface SpendingHistory {
    SpendingHistory NONE = counter -> 0;

    long spentMicros(BudgetCounter counter);
}
