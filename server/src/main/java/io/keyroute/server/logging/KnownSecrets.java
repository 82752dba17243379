package io.keyroute.server.logging;

import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Literal secrets that have no recognisable shape (the master key, the admin token, configured
 * provider keys) and must still never reach a log line: {@link ScrubbingValueMasker} masks every
 * occurrence of them.
 *
 * <p>A static holder because logging is set up by Logback itself ({@link ServerLogConfigurator},
 * or by reflection from an operator's own XML file), before and apart from the server's wiring, so
 * there is no instance to inject it into.
 */
public final class KnownSecrets {
    /** Shorter values would mask ordinary words in every line, and are not secrets worth the name. */
    static final int MIN_LENGTH = 8;

    /** Longest first, so a secret that contains another is masked whole. Copy-on-write: reads are lock-free. */
    private static volatile List<String> literals = List.of();

    private KnownSecrets() {
    }

    /** Masks {@code secret} in every later log line, also URL-encoded. Blank or short values are ignored. */
    public static void register(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            return;
        }
        String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        synchronized (KnownSecrets.class) {
            literals = Stream.concat(literals.stream(), Stream.of(secret, urlEncoded))
                    .distinct()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
        }
    }

    public static void register(Secret secret) {
        if (secret != null) {
            register(secret.reveal());
        }
    }

    /** Every registered secret in {@code text} replaced by its {@code prefix…last4} mask. */
    public static String mask(String text) {
        String out = text;
        for (String literal : literals) {
            if (out.contains(literal)) {
                out = out.replace(literal, Secrets.mask(literal));
            }
        }
        return out;
    }

    /** Forgets every registered secret: for tests. */
    public static synchronized void clear() {
        literals = List.of();
    }
}
