package io.keyroute.server.cli;

import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.store.Database;
import io.keyroute.vault.Vault;
import io.keyroute.vault.crypto.MasterKey;
import io.keyroute.vault.crypto.MasterKeySource;
import io.keyroute.vault.crypto.VaultCryptoException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyroute rotate-master-key --new-key-file F}: re-wraps every stored data key under the key
 * in F. Online-safe: give the replicas F as {@code KEYROUTE_MASTER_KEY_ROTATION_FILE} first (they
 * then read rows wrapped by either key), run this, then make F their {@code KEYROUTE_MASTER_KEY_FILE}
 * and run this once more for rows written in between.
 */
@Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
        description = "Re-wrap every stored credential's data key under a new master key.")
final class RotateMasterKeyCommand implements Callable<Integer> {

    @Option(names = "--new-key-file", required = true, paramLabel = "FILE",
            description = "The new master key: base64 of 32 random bytes (e.g. `openssl rand -base64 32 > FILE`).")
    Path newKeyFile;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: $KEYROUTE_CONFIG, else embedded defaults).")
    Path config;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        var loader = new ConfigLoader(env);
        KeyrouteConfig loaded;
        MasterKey next;
        try {
            loaded = loader.load(loader.configFile(Optional.ofNullable(config)));
            next = MasterKeySource.fromFile(newKeyFile, text -> { });
        } catch (ConfigException | IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("Keyroute cannot rotate the master key: " + e.getMessage());
            return 2;
        }
        Optional<MasterKey> current = MasterKeySource.configured(env, Path.of("data"), text -> { });
        if (current.isEmpty()) {
            System.err.println("Keyroute cannot rotate the master key: no current master key (set KEYROUTE_MASTER_KEY "
                    + "or KEYROUTE_MASTER_KEY_FILE as the server has it).");
            return 2;
        }
        // Rows may be wrapped by the current key or, on a second run, by the rotation's other key.
        var accepted = Stream.concat(current.stream(), MasterKeySource.rotationKey(env, text -> { }).stream()).toList();
        try (Vault vault = Vault.open(new Vault.Settings(Database.open(loaded.database().url()), next, accepted, null,
                Clock.systemUTC(), () -> {
                    throw new IllegalStateException("rotation issues no keys");
                }, id -> Optional.empty(), () -> false, Set.of(), (provider, baseUrl, key) -> {
                    throw new IllegalStateException("rotation checks no keys");
                }))) {
            int rewrapped;
            try {
                rewrapped = vault.masterKeyRotation().run("operator");
            } catch (VaultCryptoException e) {
                System.err.println("Keyroute stopped the rotation: " + e.getMessage() + ". Rows re-wrapped so far stay "
                        + "readable with the new key; load the missing key as " + MasterKeySource.ROTATION_FILE + " and run again.");
                return 1;
            }
            System.out.println("Re-wrapped " + rewrapped + " data key(s) under master key " + next.id() + ".");
            System.out.println("Now set KEYROUTE_MASTER_KEY_FILE=" + newKeyFile + " on every replica (keep the old key as "
                    + MasterKeySource.ROTATION_FILE + " until all have restarted), then run this command once more.");
            return 0;
        }
    }
}
