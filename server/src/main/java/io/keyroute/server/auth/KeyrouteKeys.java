package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import java.security.SecureRandom;

/** Mints Keyroute keys: {@code kr-} followed by 32 random bytes in base62 (43 characters). */
public final class KeyrouteKeys {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** ceil(256 / log2(62)): enough base62 digits for 32 random bytes. */
    private static final int DIGITS = 43;

    private final SecureRandom random;

    public KeyrouteKeys(SecureRandom random) {
        this.random = random;
    }

    public Secret mint(String prefix) {
        var sb = new StringBuilder(prefix.length() + DIGITS).append(prefix);
        for (int i = 0; i < DIGITS; i++) {
            sb.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return Secret.of(sb.toString());
    }
}
