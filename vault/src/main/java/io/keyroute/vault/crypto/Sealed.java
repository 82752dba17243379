package io.keyroute.vault.crypto;

/** A sealed secret as stored: the data key wrapped by master key {@code masterKeyId}, and the ciphertext. */
public record Sealed(byte[] wrappedKey, String masterKeyId, byte[] ciphertext) {
}
