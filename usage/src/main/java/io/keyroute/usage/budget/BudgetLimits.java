package io.keyroute.usage.budget;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Clock;
import java.util.Optional;

/**
 * The budgets set through the management API, one per workspace and one per user, in the
 * {@code budgets} table. (A key's budget is its {@code api_keys.budget_usd}; a plan's comes from
 * the config.)
 */
public final class BudgetLimits {
    private final Jdbc jdbc;
    private final Clock clock;

    public BudgetLimits(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Budget> find(BudgetScope scope, String ownerId) {
        return jdbc.queryOne("SELECT period, limit_micros FROM budgets WHERE scope = ? AND owner_id = ?",
                rs -> new Budget(BudgetPeriod.parse(rs.getString(1)).orElseThrow(), rs.getLong(2)),
                scope.wire(), ownerId);
    }

    /** Sets (or replaces) the owner's budget. */
    public void put(BudgetScope scope, String ownerId, Budget budget) {
        jdbc.update("INSERT INTO budgets (scope, owner_id, period, limit_micros, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (scope, owner_id) DO UPDATE SET period = excluded.period,"
                        + " limit_micros = excluded.limit_micros, updated_at = excluded.updated_at",
                scope.wire(), ownerId, budget.period().wire(), budget.limitMicros(), Times.format(Times.now(clock)));
    }

    /** Removes the owner's budget; false when there was none. */
    public boolean delete(BudgetScope scope, String ownerId) {
        return jdbc.update("DELETE FROM budgets WHERE scope = ? AND owner_id = ?", scope.wire(), ownerId) > 0;
    }
}
