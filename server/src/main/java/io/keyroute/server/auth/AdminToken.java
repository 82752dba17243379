package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The admin bootstrap token: {@code KEYROUTE_ADMIN_TOKEN} when set; otherwise generated on first
 * start, printed once, and only its hash kept ({@code data/admin-token.sha256}, mode 0600).
 * The vault moves the hash into the database.
 */
public final class AdminToken {
    static final String FILE = "admin-token.sha256";

    private AdminToken() {
    }

    /** The admin token's hash, creating (and printing) a token if there is none yet. */
    public static String hash(Map<String, String> env, Path dataDir, KeyrouteKeys keys, PrintStream console) {
        String fromEnv = env.get("KEYROUTE_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return TokenHash.of(Secret.of(fromEnv.trim()));
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Secret token = keys.mint("kr-admin-");
            Files.createDirectories(dataDir);
            Files.writeString(file, TokenHash.of(token) + "\n", StandardCharsets.US_ASCII);
            restrict(file);
            console.println("Admin token (shown once; only its hash is stored in " + file + "):");
            console.println("  " + token.reveal());
            return TokenHash.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file system's own ACLs apply
        }
    }
}
