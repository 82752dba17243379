package io.keyroute.server.cli;

import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.store.Database;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyroute migrate [--config FILE]}: applies pending database migrations (serve does it too). */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply database migrations.")
final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: $KEYROUTE_CONFIG, else embedded defaults).")
    Path config;

    @Override
    public Integer call() {
        var loader = new ConfigLoader(System.getenv());
        KeyrouteConfig loaded;
        try {
            loaded = loader.load(loader.configFile(Optional.ofNullable(config)));
        } catch (ConfigException e) {
            System.err.println("Keyroute cannot migrate: the config is invalid.\n" + e.getMessage());
            return 2;
        }
        try (Database database = Database.open(loaded.database().url())) {
            int applied = database.migrate();
            System.out.println(applied == 0 ? "The database is up to date." : "Applied " + applied + " migration(s).");
            return 0;
        }
    }
}
