package io.keyroute.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A thin JDBC helper: parameterised statements, row mapping, transactions. Inside
 * {@link #inTransaction} every call made through the given {@code Jdbc} shares one connection. Each
 * call (a whole transaction with all its statements) runs where its {@link NativeCalls} says: for
 * SQLite, a virtual thread's on a platform thread.
 */
public final class Jdbc {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final NativeCalls calls;
    private final Connection transaction;

    Jdbc(DataSource dataSource, Dialect dialect, NativeCalls calls) {
        this(dataSource, dialect, calls, null);
    }

    private Jdbc(DataSource dataSource, Dialect dialect, NativeCalls calls, Connection transaction) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.calls = calls;
        this.transaction = transaction;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Jdbc tx);
    }

    public Dialect dialect() {
        return dialect;
    }

    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    /** One statement run for every row as a JDBC batch: one round trip per batch instead of per row. */
    public int[] batch(String sql, List<Object[]> rows) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        if (transaction != null) {
            return work.run(this);
        }
        return calls.run(() -> transact(work));
    }

    private <T> T transact(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(new Jdbc(dataSource, dialect, calls, c));
                c.commit();
            } catch (RuntimeException | Error e) {
                undo(c, e);
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw new StoreException(dialect, e);
        }
    }

    /**
     * Rolls back after {@code failure}. On a connection that broke, the rollback fails too ("Connection
     * is closed", with no SQL state): that failure is kept as suppressed, never thrown in place of the
     * first, which says whether the work may be tried again (the usage ledger retries a transient one
     * and drops a refused one). The pool resets a returned connection's auto-commit itself.
     */
    private static void undo(Connection c, Throwable failure) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException undoFailed) {
            failure.addSuppressed(undoFailed);
        }
    }

    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        return transaction != null ? onTransaction(work) : calls.run(() -> connected(work));
    }

    private <T> T onTransaction(ConnectionWork<T> work) {
        try {
            return work.run(transaction);
        } catch (SQLException e) {
            throw new StoreException(dialect, e);
        }
    }

    private <T> T connected(ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(dialect, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
