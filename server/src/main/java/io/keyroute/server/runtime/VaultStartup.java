package io.keyroute.server.runtime;

import io.keyroute.api.KnownSecrets;
import io.keyroute.providers.ProviderRegistry;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.store.Database;
import io.keyroute.store.Dialect;
import io.keyroute.vault.Vault;
import io.keyroute.vault.crypto.MasterKeySource;
import io.keyroute.vault.keys.KeyMinter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** Opens the vault for a config: database (migrated), master key, Redis, the key format. */
public final class VaultStartup {
    private VaultStartup() {
    }

    /**
     * @param config   read for the database, Redis, plans and security settings; reloads reach the
     *                 vault through {@code runtimes}
     * @param runtimes the runtime in force (consulted per request, so it may be set after this returns)
     */
    public static Vault open(KeyrouteConfig config, Map<String, String> env, Path dataDir, KeyrouteKeys keys,
                             Supplier<GatewayRuntime> runtimes, Clock clock) {
        Database database = Database.open(config.database().url());
        try {
            var keyring = MasterKeySource.load(env, database.dialect() == Dialect.SQLITE, dataDir, KnownSecrets::register);
            KeyMinter minter = () -> {
                var key = keys.mint("kr-");
                return new KeyMinter.Minted(key, TokenHash.of(key));
            };
            return Vault.open(new Vault.Settings(database, keyring.primary(), keyring.others(),
                    config.redis() == null ? null : config.redis().url(), clock, minter, new RuntimeProviders(runtimes),
                    () -> runtimes.get().config().security().allowPrivateBaseUrls(), config.plans().keySet(),
                    new CredentialProbe(runtimes, ProviderRegistry.builtIn())));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
