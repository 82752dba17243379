package io.keyroute.vault.crypto;

/** A stored secret cannot be opened: wrong or missing master key, or a ciphertext that is not this row's. */
public final class VaultCryptoException extends RuntimeException {
    public VaultCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
