package io.keyroute.usage.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters one request is limited by, each with its limit. Two budgets on the same counter
 * (a workspace's own monthly budget and its plan's monthly trial budget) merge into the smaller
 * limit; on different counters (a daily workspace budget and the plan's monthly one) both hold.
 */
public final class BudgetLines {
    private final Instant now;
    private final Map<BudgetCounter, Long> limits = new LinkedHashMap<>(4);

    public BudgetLines(Instant now) {
        this.now = now;
    }

    /** Adds {@code budget} on {@code ownerId}'s counter; a null owner or budget adds nothing. */
    public BudgetLines add(BudgetScope scope, String ownerId, Budget budget) {
        if (ownerId != null && budget != null) {
            limits.merge(BudgetCounter.of(scope, ownerId, budget.period(), now), budget.limitMicros(), Math::min);
        }
        return this;
    }

    public boolean isEmpty() {
        return limits.isEmpty();
    }

    public List<CounterLimit> lines() {
        List<CounterLimit> lines = new ArrayList<>(limits.size());
        limits.forEach((counter, limit) -> lines.add(new CounterLimit(counter, limit)));
        return lines;
    }
}
