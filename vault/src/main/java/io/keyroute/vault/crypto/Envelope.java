package io.keyroute.vault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * Envelope encryption with Tink: each secret gets a fresh AES-256-GCM data key, which is stored
 * only wrapped by a master key. The same associated data (the row's identity) binds both the
 * wrapped key and the ciphertext to their row. Where many small secrets of one owner are sealed at
 * a high rate (kept responses), one data key bound to the owner seals several, each ciphertext
 * still bound to its row ({@link #newDataKey}). Several master keys may be loaded: the primary
 * wraps, every one unwraps what it wrapped (so a rotation can run while replicas serve).
 */
public final class Envelope {
    private final MasterKey primary;
    private final List<MasterKey> all;

    public Envelope(MasterKey primary, List<MasterKey> others) {
        this.primary = primary;
        this.all = java.util.stream.Stream.concat(java.util.stream.Stream.of(primary), others.stream()).toList();
    }

    public MasterKey primary() {
        return primary;
    }

    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        return seal(newDataKey(associatedData), plaintext, associatedData);
    }

    /**
     * A fresh data key, wrapped once by the primary master key and bound to {@code keyBinding}, to
     * seal several secrets with ({@link #seal(DataKey, byte[], byte[])}): what sealing many small
     * secrets of one owner costs is then one AES-GCM encryption each, not a key generation and a
     * wrap each.
     */
    public DataKey newDataKey(byte[] keyBinding) {
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return new DataKey(dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, primary.aead(), keyBinding), primary.id());
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("cannot make a data key", e);
        }
    }

    /** {@code plaintext} sealed with {@code key}, the ciphertext bound to {@code associatedData}. */
    public Sealed seal(DataKey key, byte[] plaintext, byte[] associatedData) {
        try {
            return new Sealed(key.wrappedKey(), key.masterKeyId(), key.aead().encrypt(plaintext, associatedData));
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("cannot encrypt the secret", e);
        }
    }

    /** Opens what {@link #seal(byte[], byte[])} sealed: its data key is bound to the same associated data. */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        return open(sealed, associatedData, associatedData);
    }

    /** Opens what {@link #seal(DataKey, byte[], byte[])} sealed with a key bound to {@code keyBinding}. */
    public byte[] open(Sealed sealed, byte[] keyBinding, byte[] associatedData) {
        try {
            KeysetHandle dataKey = unwrap(sealed, keyBinding);
            return dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class).decrypt(sealed.ciphertext(), associatedData);
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("the stored secret does not decrypt for this row (tampered, moved, or "
                    + "encrypted under another master key)", e);
        }
    }

    /**
     * The same data key, wrapped by the primary master key instead (master-key rotation).
     *
     * @param keyBinding what the data key is bound to: the associated data for {@link #seal(byte[], byte[])}
     */
    public Sealed rewrap(Sealed sealed, byte[] keyBinding) {
        try {
            KeysetHandle dataKey = unwrap(sealed, keyBinding);
            return new Sealed(TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, primary.aead(), keyBinding),
                    primary.id(), sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("cannot re-wrap the data key", e);
        }
    }

    private KeysetHandle unwrap(Sealed sealed, byte[] keyBinding) throws GeneralSecurityException {
        if (sealed.wrappedKey() == null) {
            throw new VaultCryptoException("the secret was deleted (its data key is destroyed)", null);
        }
        Optional<MasterKey> master = all.stream().filter(k -> k.id().equals(sealed.masterKeyId())).findFirst();
        if (master.isEmpty()) {
            throw new VaultCryptoException("the data key is wrapped by master key " + sealed.masterKeyId()
                    + ", which is not loaded (loaded: " + all.stream().map(MasterKey::id).toList() + ")", null);
        }
        return TinkProtoKeysetFormat.parseEncryptedKeyset(sealed.wrappedKey(), master.get().aead(), keyBinding);
    }
}
