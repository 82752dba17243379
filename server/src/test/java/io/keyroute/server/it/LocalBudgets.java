package io.keyroute.server.it;

import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.budget.BudgetLimits;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.LedgerSpending;
import io.keyroute.usage.budget.LocalBudgetStore;
import java.time.Clock;

/** Budgets as one replica keeps them: over a fresh, migrated SQLite file, spending counted in this process. */
record LocalBudgets(Database db, Budgets budgets) implements AutoCloseable {
    static LocalBudgets open(Clock clock) {
        Database db = Database.open(TestServices.sqlite().url());
        db.migrate();
        return new LocalBudgets(db, new Budgets(new BudgetLimits(db.jdbc(), clock),
                new LocalBudgetStore(new LedgerSpending(db.jdbc()), clock), db.cacheFreshness()));
    }

    @Override
    public void close() {
        budgets.close();
        db.close();
    }
}
