package io.keyroute.usage.budget;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.keyroute.store.CacheFreshness;
import io.keyroute.store.Database;
import java.time.Clock;
import java.util.Optional;

/**
 * Budgets as the gateway uses them: the limits (read on every request, so cached for the
 * database's {@link CacheFreshness}; a change made here applies at once) and the store that holds
 * the counters.
 */
public final class Budgets implements AutoCloseable {
    private record Owner(BudgetScope scope, String id) {
    }

    private final BudgetLimits limits;
    private final BudgetStore store;
    private final LoadingCache<Owner, Optional<Budget>> cache;

    public Budgets(BudgetLimits limits, BudgetStore store, CacheFreshness freshness) {
        this.limits = limits;
        this.store = store;
        this.cache = Caffeine.newBuilder().refreshAfterWrite(freshness.refreshAfter())
                .expireAfterWrite(freshness.expireAfter()).maximumSize(100_000)
                .build(owner -> limits.find(owner.scope(), owner.id()));
    }

    /** Limits in {@code database}, counters where {@link BudgetStores#open} puts them. */
    public static Budgets open(String redisUrl, Database database, Clock clock) {
        return new Budgets(new BudgetLimits(database.jdbc(), clock), BudgetStores.open(redisUrl, database, clock),
                database.cacheFreshness());
    }

    /** The owner's budget, or empty when none is set; a null owner has none. */
    public Optional<Budget> budget(BudgetScope scope, String ownerId) {
        return ownerId == null ? Optional.empty() : cache.get(new Owner(scope, ownerId));
    }

    public void set(BudgetScope scope, String ownerId, Budget budget) {
        limits.put(scope, ownerId, budget);
        cache.invalidate(new Owner(scope, ownerId));
    }

    /** Removes the owner's budget (requests stop being held against it at once here); false when there was none. */
    public boolean delete(BudgetScope scope, String ownerId) {
        boolean deleted = limits.delete(scope, ownerId);
        cache.invalidate(new Owner(scope, ownerId));
        return deleted;
    }

    public BudgetStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
