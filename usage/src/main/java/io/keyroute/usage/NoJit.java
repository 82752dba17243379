package io.keyroute.usage;

import io.keyroute.store.Dialect;
import io.keyroute.store.Jdbc;
import java.util.List;

/**
 * PostgreSQL's JIT compiler kept off for the roll-ups' wide aggregates (~95 sums, an 86-way CASE): for a query it
 * estimates costly (a day of ledger rows, a month of roll-ups) it compiles, optimises and inlines them first, which
 * took 3 to 6 s where running them took a quarter of one (PostgreSQL 15, docs/PERFORMANCE.md). SQLite has none.
 */
final class NoJit {
    private NoJit() {
    }

    /** Turns the JIT off for the rest of {@code tx}'s transaction. */
    static void in(Jdbc tx) {
        if (tx.dialect() == Dialect.POSTGRESQL) {
            tx.update("SET LOCAL jit = off");
        }
    }

    /** {@link Jdbc#query}, without the JIT. */
    static <T> List<T> query(Jdbc jdbc, String sql, Jdbc.RowMapper<T> mapper, Object... params) {
        if (jdbc.dialect() != Dialect.POSTGRESQL) {
            return jdbc.query(sql, mapper, params);
        }
        return jdbc.inTransaction(tx -> {
            in(tx);
            return tx.query(sql, mapper, params);
        });
    }
}
