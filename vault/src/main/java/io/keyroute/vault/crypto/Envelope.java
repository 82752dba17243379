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
 * wrapped key and the ciphertext to their row. Several master keys may be loaded: the primary
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
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] ciphertext = dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class).encrypt(plaintext, associatedData);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, primary.aead(), associatedData);
            return new Sealed(wrapped, primary.id(), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("cannot encrypt the secret", e);
        }
    }

    public byte[] open(Sealed sealed, byte[] associatedData) {
        try {
            KeysetHandle dataKey = unwrap(sealed, associatedData);
            return dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class).decrypt(sealed.ciphertext(), associatedData);
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("the stored secret does not decrypt for this row (tampered, moved, or "
                    + "encrypted under another master key)", e);
        }
    }

    /** The same data key, wrapped by the primary master key instead (master-key rotation). */
    public Sealed rewrap(Sealed sealed, byte[] associatedData) {
        try {
            KeysetHandle dataKey = unwrap(sealed, associatedData);
            return new Sealed(TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, primary.aead(), associatedData),
                    primary.id(), sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("cannot re-wrap the data key", e);
        }
    }

    private KeysetHandle unwrap(Sealed sealed, byte[] associatedData) throws GeneralSecurityException {
        if (sealed.wrappedKey() == null) {
            throw new VaultCryptoException("the secret was deleted (its data key is destroyed)", null);
        }
        Optional<MasterKey> master = all.stream().filter(k -> k.id().equals(sealed.masterKeyId())).findFirst();
        if (master.isEmpty()) {
            throw new VaultCryptoException("the data key is wrapped by master key " + sealed.masterKeyId()
                    + ", which is not loaded (loaded: " + all.stream().map(MasterKey::id).toList() + ")", null);
        }
        return TinkProtoKeysetFormat.parseEncryptedKeyset(sealed.wrappedKey(), master.get().aead(), associatedData);
    }
}
