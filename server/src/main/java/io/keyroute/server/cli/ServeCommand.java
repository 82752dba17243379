package io.keyroute.server.cli;

import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.AdminToken;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.VaultAuthenticator;
import io.keyroute.server.boot.Boot;
import io.keyroute.server.boot.StartupFailure;
import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.stored.LiveConfig;
import io.keyroute.server.console.ConsoleRoutes;
import io.keyroute.server.logging.JdkLoggingBridge;
import io.keyroute.vault.Vault;
import io.keyroute.vault.keys.ApiKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyroute serve [--config FILE] [--demo]}: runs the gateway until stopped. The file may be a
 * LiteLLM config ({@link LiteLlmConfigFile}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    static final Path DATA = Path.of("data");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: $KEYROUTE_CONFIG, else embedded defaults).")
    Path config;

    @Option(names = "--demo", description = "Add the mock provider and print a ready-to-use demo key and a curl line.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        JdkLoggingBridge.install();
        PrintStream console = System.out;
        Map<String, String> env = System.getenv();
        var loader = new ConfigLoader(env);
        Optional<Path> file = loader.configFile(Optional.ofNullable(config));
        UnaryOperator<KeyrouteConfig> overlay = demo ? DemoOverlay::apply : UnaryOperator.identity();
        KeyrouteConfig fromFile;
        boolean liteLlm = file.isPresent() && LiteLlmConfigFile.is(file.get());
        try {
            fromFile = liteLlm ? LiteLlmConfigFile.load(file.get(), env, System.err) : loader.load(file);
        } catch (ConfigException e) {
            System.err.println("Keyroute cannot start: the config is invalid.\n" + e.getMessage());
            return 2;
        }
        KeyrouteConfig loaded = overlay.apply(fromFile);
        ConfigSecrets.register(loaded, env);
        boolean watched = file.isPresent() && !liteLlm;
        // The file as it now is at each change (a LiteLLM file is converted once, at start, and not watched).
        Supplier<KeyrouteConfig> fileNow = watched ? () -> loader.load(file.get()) : () -> fromFile;
        UnaryOperator<KeyrouteConfig> finish = next -> {
            KeyrouteConfig applied = overlay.apply(next);
            ConfigSecrets.register(applied, env);
            return applied;
        };

        var keys = new KeyrouteKeys(new SecureRandom());
        try {
            AdminToken.fromEnvironment(env);
        } catch (IllegalArgumentException e) { // a KEYROUTE_ADMIN_TOKEN too weak to guard the gateway
            System.err.println("Keyroute cannot start: " + e.getMessage());
            return 2;
        }
        var boot = new Boot(loaded, env, DATA, keys, Clock.systemUTC());
        Gateway gateway;
        ApiKeys.Issued demoKey;
        try { // every failure closes what was opened so far, newest first
            Vault vault = boot.vault();
            String adminHash = AdminToken.hash(env, vault.adminTokens(), DATA, keys, console);
            demoKey = demo ? demoKey(vault, loaded, boot) : null;
            LiveConfig live = boot.liveConfig(vault, loader, fileNow, finish);
            gateway = boot.serve(vault, new VaultAuthenticator(vault.keys(), adminHash));
            if (watched) {
                boot.watch(file.get(), live.reloads(), () -> vault.audit().record("operator", "config.reloaded",
                        file.get().toString(), null, null));
            }
        } catch (StartupFailure e) { // no master key, database or Redis unreachable, journal in use
            boot.close();
            System.err.println("Keyroute cannot start: " + e.getMessage());
            return 2;
        } catch (Exception | Error e) {
            boot.close();
            throw e;
        }
        String base = "http://" + loaded.server().host() + ":" + gateway.port();
        LOG.info("Keyroute ready on {} in {} ms (config: {})", base,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), file.map(Path::toString).orElse("embedded defaults"));
        if (demoKey != null) {
            printDemo(console, base, demoKey.plaintext());
        }
        awaitShutdown(boot);
        return 0;
    }

    /** The demo account's key, revoked when the process stops. */
    private static ApiKeys.Issued demoKey(Vault vault, KeyrouteConfig config, Boot boot) {
        DemoAccount account = DemoAccount.ensure(vault, config);
        ApiKeys.Issued key = account.issue();
        KnownSecrets.register(key.plaintext().reveal());
        boot.onClose(() -> account.revoke(key.key()));
        return key;
    }

    /** The demo's banner: where it runs, its key, a curl line and the console. */
    static void printDemo(PrintStream console, String base, Secret key) {
        console.println();
        console.println("Keyroute demo is running on " + base + " with the mock provider (model " + DemoOverlay.MODEL + ").");
        console.println("Demo key (valid until this process stops): " + key.reveal());
        console.println("Try it:");
        console.println("  curl " + base + "/v1/chat/completions -H 'Authorization: Bearer " + key.reveal() + "' "
                + "-H 'Content-Type: application/json' "
                + "-d '{\"model\":\"" + DemoOverlay.MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello Keyroute\"}]}'");
        console.println("Console: " + base + ConsoleRoutes.PATH + " (sign in with the admin token printed at first start, or the demo key)");
        console.println();
    }

    /** Waits for SIGTERM (or the JVM's exit), then stops gracefully: see {@link Boot#stop}. */
    private static void awaitShutdown(Boot boot) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Keyroute stopping");
            boot.stop(); // the watcher; the gateway drained, closed, its ledger flushed; then the vault and database
            stopped.countDown();
        }, "keyroute-shutdown"));
        stopped.await();
    }
}
