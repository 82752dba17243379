package io.keyroute.vault.crypto;

/**
 * A table whose rows hold data keys wrapped by a master key, so that a master-key rotation can
 * re-wrap them all (see {@code MasterKeyRotation}) without knowing how each row binds its key.
 */
@FunctionalInterface
public interface WrappedKeyTable {
    /** Re-wraps every data key of the table not yet wrapped by the envelope's primary key; returns how many. */
    int rewrapToPrimary();
}
