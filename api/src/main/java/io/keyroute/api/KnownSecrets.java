package io.keyroute.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Literal secrets that have no recognisable shape (the master key, the admin token, configured
 * provider keys) and must still never reach a log line or an error: the server's log masker and
 * every {@link io.keyroute.api.error.UpstreamError} mask every occurrence of them, before any
 * shape-based scrubbing (which could mask a key-shaped fragment of one and leave the rest readable).
 *
 * <p>A static holder because logging is set up by Logback itself (the server's log configurator,
 * or by reflection from an operator's own XML file), before and apart from the server's wiring, so
 * there is no instance to inject it into.
 */
public final class KnownSecrets {
    /** Shorter values would mask ordinary words in every line, and are not secrets worth the name. */
    static final int MIN_LENGTH = 8;

    /** Longest first, so a secret that contains another is masked whole. Copy-on-write: reads are lock-free. */
    private static volatile List<String> literals = List.of();
    /** Changes whenever the literals do: what was found free of them stays so while it is the same. */
    private static volatile long generation;

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
            generation++;
        }
    }

    public static void register(Secret secret) {
        if (secret != null) {
            register(secret.reveal());
        }
    }

    /** Every registered secret in {@code text} replaced by its {@code prefix…last4} mask. */
    public static String mask(String text) {
        return masked(text, literals);
    }

    /**
     * As {@link #mask(String)}, and {@code sentKey} too (also URL-encoded), registered or not: for
     * what an upstream answers to the key a request was sent with (a user's own key is no
     * registered secret). Blank or short keys are ignored as in {@link #register(String)}.
     */
    public static String mask(String text, Secret sentKey) {
        if (sentKey == null || sentKey.reveal().strip().length() < MIN_LENGTH) {
            return mask(text);
        }
        String key = sentKey.reveal();
        String urlEncoded = URLEncoder.encode(key, StandardCharsets.UTF_8); // the key itself when nothing needs encoding
        return mask(masked(text, key.equals(urlEncoded) ? List.of(key) : List.of(key, urlEncoded)));
    }

    private static String masked(String text, List<String> secrets) {
        String out = text;
        for (String literal : secrets) {
            if (out.contains(literal)) {
                out = out.replace(literal, Secrets.mask(literal));
            }
        }
        return out;
    }

    /** Forgets every registered secret: for tests. */
    public static synchronized void clear() {
        literals = List.of();
        generation++;
    }

    /**
     * A number that changes whenever the registered secrets do: a text {@link #mask(String)} left unchanged
     * stays unchanged while it is the same (a log masker's memo of clean values).
     */
    public static long generation() {
        return generation;
    }
}
