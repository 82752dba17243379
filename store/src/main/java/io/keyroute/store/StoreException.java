package io.keyroute.store;

import java.sql.SQLException;

/** A database failure, unchecked, that knows whether it was a unique-constraint refusal. */
public final class StoreException extends RuntimeException {
    private final boolean uniqueViolation;

    StoreException(Dialect dialect, SQLException cause) {
        super(cause.getMessage(), cause);
        this.uniqueViolation = dialect.isUniqueViolation(cause);
    }

    public boolean isUniqueViolation() {
        return uniqueViolation;
    }
}
