package io.keyroute.usage.budget;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;

/**
 * The ledger's sum of costs for a counter's owner and period. The ledger is written ~100 ms after
 * a request ends; a counter is read from it only at its first use, so at most the requests of
 * that moment are missed.
 */
public final class LedgerSpending implements SpendingHistory {
    private final Jdbc jdbc;

    public LedgerSpending(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long spentMicros(BudgetCounter counter) {
        return jdbc.queryOne(sumSql(counter.scope()), rs -> rs.getLong(1), counter.ownerId(),
                Times.format(counter.start()), Times.format(counter.end())).orElse(0L);
    }

    /** The ledger sum as SQL with parameters owner id, period start, period end. */
    static String sumSql(BudgetScope scope) {
        return "SELECT COALESCE(SUM(cost_micros), 0) FROM usage_events WHERE " + scope.ledgerColumn()
                + " = ? AND at >= ? AND at < ?";
    }
}
