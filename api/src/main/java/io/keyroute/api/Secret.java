package io.keyroute.api;

import java.util.Objects;

/**
 * A secret value (provider key, Keyroute key, token). Its {@link #toString()} is masked so that
 * a secret passed to a logger, an exception message or a debugger view never shows in plaintext;
 * only code that must send it reads {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plaintext: for the one place that puts it on the wire or hashes it. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** {@code prefix…last4}, the only form in which a secret is ever shown. */
    public String masked() {
        return Secrets.mask(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
