package io.keyroute.usage.budget;

import io.keyroute.store.Database;
import io.keyroute.store.Dialect;
import java.time.Clock;

/** Picks where budget counters live: Redis when configured, else PostgreSQL when that is the database, else here. */
public final class BudgetStores {
    static final String REDIS_PREFIX = "keyroute:budget:";

    private BudgetStores() {
    }

    /** @param redisUrl null without Redis */
    public static BudgetStore open(String redisUrl, Database database, Clock clock) {
        var ledger = new LedgerSpending(database.jdbc());
        if (redisUrl != null) {
            return new RedisBudgetStore(redisUrl, REDIS_PREFIX, ledger, clock);
        }
        if (database.dialect() == Dialect.POSTGRESQL) {
            return new PostgresBudgetStore(database.jdbc(), clock);
        }
        return new LocalBudgetStore(ledger, clock);
    }
}
