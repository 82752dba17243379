package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import io.keyroute.vault.tenancy.AdminTokenStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The admin bootstrap token: {@code KEYROUTE_ADMIN_TOKEN} when set (at least {@value #MIN_LENGTH}
 * characters: it opens everything, so it must not be guessable); otherwise the one whose hash
 * the database holds; otherwise a new one, printed once, of which only the hash is stored (in
 * the database, so every replica shares it). A hash left in {@code data/admin-token.sha256} by an
 * earlier version is carried over.
 */
public final class AdminToken {
    static final String LEGACY_FILE = "admin-token.sha256";
    static final int MIN_LENGTH = 32;

    private AdminToken() {
    }

    /**
     * The admin token's hash, creating (and printing) a token if there is none yet.
     *
     * @throws IllegalArgumentException when {@code KEYROUTE_ADMIN_TOKEN} is shorter than {@value #MIN_LENGTH} characters
     */
    public static String hash(Map<String, String> env, AdminTokenStore store, Path dataDir, KeyrouteKeys keys,
                              PrintStream console) {
        Optional<Secret> fromEnv = fromEnvironment(env);
        if (fromEnv.isPresent()) {
            return TokenHash.of(fromEnv.get());
        }
        Optional<String> stored = store.hash().or(() -> legacy(dataDir).map(store::storeIfAbsent));
        if (stored.isPresent()) {
            return stored.get();
        }
        Secret token = keys.mint("kr-admin-");
        String hash = TokenHash.of(token);
        String winner = store.storeIfAbsent(hash);
        if (winner.equals(hash)) { // another replica may have stored its own first; then ours is void
            console.println("Admin token (shown once; only its hash is stored, in the database):");
            console.println("  " + token.reveal());
        }
        return winner;
    }

    /**
     * {@code KEYROUTE_ADMIN_TOKEN}, if set; checked before anything else starts.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters (the message never shows it)
     */
    public static Optional<Secret> fromEnvironment(Map<String, String> env) {
        String value = env.get("KEYROUTE_ADMIN_TOKEN");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String token = value.trim();
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("KEYROUTE_ADMIN_TOKEN is too weak: " + token.length() + " characters, "
                    + "at least " + MIN_LENGTH + " are needed (e.g. `openssl rand -base64 32`), or unset it to have "
                    + "one generated and printed once.");
        }
        return Optional.of(Secret.of(token));
    }

    private static Optional<String> legacy(Path dataDir) {
        Path file = dataDir.resolve(LEGACY_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
