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
    private TokenHash() {
    }

    public static String of(Secret token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
