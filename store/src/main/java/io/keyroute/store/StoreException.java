package io.keyroute.store;

import java.sql.SQLException;

/** A database failure, unchecked, that knows whether it was a unique-constraint refusal or transient. */
public final class StoreException extends RuntimeException {
    private final boolean uniqueViolation;
    private final boolean transientFailure;

    public StoreException(Dialect dialect, SQLException cause) {
        super(cause.getMessage(), cause);
        this.uniqueViolation = dialect.isUniqueViolation(cause);
        this.transientFailure = dialect.isTransient(cause);
    }

    public boolean isUniqueViolation() {
        return uniqueViolation;
    }

    /** Whether the same statement may succeed later: the database was unreachable or busy. */
    public boolean isTransient() {
        return transientFailure;
    }
}
