package io.keyroute.server.mcp.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): the verifier, 43 characters of base64url from 32 random bytes, which
 * never leaves Keyroute but for the token request, and its S256 challenge,
 * {@code BASE64URL(SHA256(ASCII(verifier)))}, which goes in the authorization URL.
 */
record Pkce(String verifier, String challenge) {
    static final String METHOD = "S256";
    private static final SecureRandom RANDOM = new SecureRandom();

    static Pkce create() {
        String verifier = randomToken();
        return new Pkce(verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** 256 random bits as base64url without padding: 43 characters of the unreserved set. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
