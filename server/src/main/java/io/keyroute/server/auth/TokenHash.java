package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a high-entropy token, hex: how tokens are stored and looked up. A plain hash is
 * right here (not a password hash) because the tokens carry 256 bits of randomness.
 */
public final class TokenHash {
    /**
     * Cloned for each hash (a digest is not thread-safe): a clone skips the provider lookup and
     * reflective construction that {@code getInstance} does for every authenticated request.
     */
    private static final MessageDigest SHA_256 = sha256();

    private TokenHash() {
    }

    public static String of(Secret token) {
        try {
            var digest = (MessageDigest) SHA_256.clone();
            return HexFormat.of().formatHex(digest.digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
