package io.keyroute.vault.crypto;

import io.keyroute.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master key comes from: {@code KEYROUTE_MASTER_KEY} (base64 of 32 bytes), else the file
 * {@code KEYROUTE_MASTER_KEY_FILE}, else — only for an embedded SQLite database — {@code
 * data/master.key}, generated (mode 0600) with a warning when missing. A shared PostgreSQL
 * database without a configured key is refused: replicas generating their own keys would each
 * write secrets the others cannot read. During a rotation, {@code KEYROUTE_MASTER_KEY_ROTATION_FILE}
 * names the rotation's other key, accepted for unwrapping and never used to wrap.
 */
public final class MasterKeySource {
    public static final String ROTATION_FILE = "KEYROUTE_MASTER_KEY_ROTATION_FILE";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeySource.class);

    private MasterKeySource() {
    }

    /** The key that wraps, and the keys also accepted for unwrapping. */
    public record Keyring(MasterKey primary, List<MasterKey> others) {
        public Keyring {
            others = List.copyOf(others);
        }
    }

    /** @param onKeyText receives each key's base64 text, so the log scrubber can learn it */
    public static Keyring load(Map<String, String> env, boolean embeddedDatabase, Path dataDir,
                               Consumer<String> onKeyText) {
        MasterKey primary = fromEnvironment(env, onKeyText).orElseGet(() -> embedded(embeddedDatabase, dataDir, onKeyText));
        return new Keyring(primary, rotationKey(env, onKeyText).stream().toList());
    }

    /** The other key of a rotation in progress ({@value #ROTATION_FILE}), if one is set. */
    public static Optional<MasterKey> rotationKey(Map<String, String> env, Consumer<String> onKeyText) {
        String rotation = env.get(ROTATION_FILE);
        return rotation == null || rotation.isBlank()
                ? Optional.empty() : Optional.of(fromFile(Path.of(rotation.trim()), onKeyText));
    }

    /** The key configured or already generated, if there is one; never creates one. */
    public static Optional<MasterKey> configured(Map<String, String> env, Path dataDir, Consumer<String> onKeyText) {
        Path generated = dataDir.resolve("master.key");
        return fromEnvironment(env, onKeyText)
                .or(() -> Files.exists(generated) ? Optional.of(fromFile(generated, onKeyText)) : Optional.empty());
    }

    private static Optional<MasterKey> fromEnvironment(Map<String, String> env, Consumer<String> onKeyText) {
        String inline = env.get("KEYROUTE_MASTER_KEY");
        if (inline != null && !inline.isBlank()) {
            onKeyText.accept(inline.trim());
            return Optional.of(decode(inline, "KEYROUTE_MASTER_KEY"));
        }
        String file = env.get("KEYROUTE_MASTER_KEY_FILE");
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(fromFile(Path.of(file.trim()), onKeyText));
    }

    /** data/master.key, generated when missing: only for an embedded database, which no other replica shares. */
    private static MasterKey embedded(boolean embeddedDatabase, Path dataDir, Consumer<String> onKeyText) {
        if (!embeddedDatabase) {
            throw new IllegalStateException("No master key: with PostgreSQL set KEYROUTE_MASTER_KEY (base64 of 32 random "
                    + "bytes, e.g. `openssl rand -base64 32`) or KEYROUTE_MASTER_KEY_FILE, the same on every replica.");
        }
        Path file = dataDir.resolve("master.key");
        if (!Files.exists(file)) {
            LOG.warn("No master key configured: generated {} (mode 0600). Back it up: without it the stored provider "
                    + "credentials cannot be decrypted. Set KEYROUTE_MASTER_KEY or KEYROUTE_MASTER_KEY_FILE in production.",
                    file);
            generate(file);
        }
        PrivateFiles.restrictFile(file); // one an earlier version or a copy left readable by others
        return fromFile(file, onKeyText);
    }

    public static MasterKey fromFile(Path file, Consumer<String> onKeyText) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            onKeyText.accept(text);
            return decode(text, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    /** Writes a new random key to {@code file}, base64, readable by its owner only. */
    public static void generate(Path file) {
        byte[] raw = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(raw);
        try {
            PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
            // Created with owner-only permissions, never readable by others even for a moment.
            Files.createFile(file, PrivateFiles.attributes(file));
            Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        }
    }

    private static MasterKey decode(String base64, String where) {
        try {
            return MasterKey.of(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + where + " is not base64 of 32 bytes", e);
        }
    }
}
