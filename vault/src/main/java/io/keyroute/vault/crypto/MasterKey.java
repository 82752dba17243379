package io.keyroute.vault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The key that wraps every data key: 32 raw bytes as an AES-256-GCM Tink AEAD. {@link #id()} is a
 * fingerprint stored beside each wrapped key so that, during a rotation, the right key unwraps
 * it; it reveals nothing about the key. {@code toString} never shows the bytes.
 */
public final class MasterKey {
    public static final int BYTES = 32;

    private final String id;
    private final Aead aead;

    private MasterKey(String id, Aead aead) {
        this.id = id;
        this.aead = aead;
    }

    public static MasterKey of(byte[] raw) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("a master key is 32 bytes (base64 of 32 random bytes); this one has " + raw.length);
        }
        try {
            AeadConfig.register();
            var parameters = AesGcmParameters.builder().setKeySizeBytes(BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            var key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build();
            var handle = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary()).build();
            return new MasterKey(fingerprint(raw), handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the master key", e);
        }
    }

    public String id() {
        return id;
    }

    Aead aead() {
        return aead;
    }

    private static String fingerprint(byte[] raw) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update("keyroute-master-key-id:".getBytes(StandardCharsets.US_ASCII));
            return "mk_" + HexFormat.of().formatHex(digest.digest(raw), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
