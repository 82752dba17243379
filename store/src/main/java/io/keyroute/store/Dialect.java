package io.keyroute.store;

import java.sql.SQLException;

/**
 * The few places SQLite and PostgreSQL differ. The schema and queries are otherwise the same SQL
 * (text ids, RFC 3339 text times, partial unique indexes), so this stays small.
 */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://…)");
    }

    /**
     * Appended to a SELECT to lock the rows it reads until the transaction ends. SQLite needs
     * nothing: its transactions begin IMMEDIATE (see {@link Database}), one writer at a time.
     */
    public String forUpdate() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * Appended to a text expression that a query groups or sorts by when only equality matters
     * (ids, dates): byte order instead of PostgreSQL's locale collation, ~4× faster on a million
     * rows. SQLite compares bytes already.
     */
    public String byteOrder() {
        return this == POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    /**
     * The database could not be reached or was busy, so the same statement may succeed later
     * (as opposed to a statement the database refuses whatever the moment).
     */
    public boolean isTransient(SQLException e) {
        if (e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException) {
            return true; // includes the pool's timeout waiting for a connection
        }
        String state = String.valueOf(e.getSQLState());
        return switch (this) {
            // connection exceptions, insufficient resources, operator intervention (shutdown)
            case POSTGRESQL -> state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
            // SQLITE_BUSY (5), SQLITE_LOCKED (6)
            case SQLITE -> e.getErrorCode() == 5 || e.getErrorCode() == 6;
        };
    }

    /** A unique index or key refused the row: the caller's duplicate, not a failure. */
    public boolean isUniqueViolation(SQLException e) {
        return switch (this) {
            case POSTGRESQL -> "23505".equals(e.getSQLState());
            // xerial reports SQLITE_CONSTRAINT (19) with the extended code in the message
            case SQLITE -> e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE");
        };
    }
}
