package io.keyroute.vault.crypto;

import com.google.crypto.tink.Aead;

/**
 * A data key in use: its cipher, and the key as stored, wrapped by master key {@code masterKeyId}.
 * Only {@link Envelope} makes one; whoever holds one keeps it in memory only.
 */
public record DataKey(Aead aead, byte[] wrappedKey, String masterKeyId) {
}
