package io.keyroute.server.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.budget.BudgetCounter;
import io.keyroute.usage.budget.CounterLimit;
import io.keyroute.usage.budget.CounterState;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Budget thresholds ({@code alerts.budget_thresholds}, percents of a budget's limit): once a
 * counter's settled spending reaches one, an alert, once per budget period (the counter's id names
 * its period). A request refused because the budget is used up counts as 100%. The spending compared
 * is what the store answered the request's settle (no read of its own: with Redis, that read was
 * three round trips per counter and request); on the request path only a threshold reached and not
 * yet raised queues a note, which the alerts thread raises (a few requests crossing at once queue a
 * few: the first raises it, the others find it raised).
 */
final class BudgetAlerts implements BudgetEvents {
    /** Dedupe keys raised here, so a budget past all its thresholds costs no insert per request. */
    private static final int REMEMBERED = 100_000;

    private final Alerts alerts;
    private final BooleanSupplier evaluates;
    private final Set<String> raised = ConcurrentHashMap.newKeySet();

    BudgetAlerts(Alerts alerts, BooleanSupplier evaluates) {
        this.alerts = alerts;
        this.evaluates = evaluates;
    }

    @Override
    public void settledAboveReservation(long excessMicros) {
    }

    @Override
    public void settleFailed() {
    }

    @Override
    public void charged(String workspaceId, List<CounterLimit> lines, List<CounterState> after) {
        if (!evaluates.getAsBoolean()) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            CounterLimit line = lines.get(i);
            CounterState state = after.get(i);
            long percent = line.limitMicros() <= 0 ? 100 : state.spentMicros() * 100 / line.limitMicros();
            if (anyToRaise(line.counter(), percent)) {
                alerts.submit(() -> crossed(workspaceId, line, state, percent));
            }
        }
    }

    /** Every refusal of a used-up budget tells this: once its thresholds are raised, it queues nothing. */
    @Override
    public void usedUp(String workspaceId, CounterLimit line, CounterState state) {
        if (evaluates.getAsBoolean() && anyToRaise(line.counter(), 100)) {
            alerts.submit(() -> crossed(workspaceId, line, state, 100));
        }
    }

    /** Whether a threshold up to {@code percent} is not raised yet in this counter's period (as far as this process knows). */
    private boolean anyToRaise(BudgetCounter counter, long percent) {
        for (int threshold : alerts.settings().budgetThresholds()) {
            if (threshold <= percent && !raised.contains(key(counter, threshold))) {
                return true;
            }
        }
        return false;
    }

    private static String key(BudgetCounter counter, int threshold) {
        return "budget.threshold/" + counter.id() + "/" + threshold;
    }

    /** Raises every threshold up to {@code percent} not raised yet in this counter's period. */
    private void crossed(String workspaceId, CounterLimit line, CounterState state, long percent) {
        BudgetCounter counter = line.counter();
        for (int threshold : alerts.settings().budgetThresholds()) {
            String key = key(counter, threshold);
            if (threshold > percent || raised.contains(key)) {
                continue;
            }
            alerts.raise(key, AlertType.BUDGET_THRESHOLD, workspaceId, summary(line, state, threshold),
                    data(line, state, threshold));
            if (raised.size() >= REMEMBERED) {
                raised.clear(); // forgetting costs an insert that the table refuses, nothing more
            }
            raised.add(key);
        }
    }

    private static String summary(CounterLimit line, CounterState state, int threshold) {
        BudgetCounter counter = line.counter();
        return "The " + counter.scope().wire() + " " + counter.ownerId() + "'s " + counter.period().wire()
                + " budget reached " + threshold + "%: $" + CostCalculator.usd(state.spentMicros()) + " of $"
                + CostCalculator.usd(line.limitMicros()) + " spent.";
    }

    private static ObjectNode data(CounterLimit line, CounterState state, int threshold) {
        BudgetCounter counter = line.counter();
        return Json.MAPPER.createObjectNode().put("scope", counter.scope().wire()).put("owner_id", counter.ownerId())
                .put("period", counter.period().wire()).put("period_start", Timestamps.format(counter.start()))
                .put("resets_at", Timestamps.format(counter.end())).put("threshold_percent", threshold)
                .put("limit_usd", CostCalculator.usd(line.limitMicros()))
                .put("spent_usd", CostCalculator.usd(state.spentMicros()))
                .put("reserved_usd", CostCalculator.usd(state.reservedMicros()));
    }
}
