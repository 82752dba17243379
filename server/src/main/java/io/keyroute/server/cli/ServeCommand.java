package io.keyroute.server.cli;

import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.AdminToken;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.HeldBudgets;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.ConfigWatcher;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.logging.JdkLoggingBridge;
import io.keyroute.api.KnownSecrets;
import io.keyroute.server.ops.GatewayMetrics;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.server.accounting.AccessLog;
import io.keyroute.server.accounting.LedgerSink;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.store.Database;
import io.keyroute.store.PrivateFiles;
import io.keyroute.usage.LedgerJournal;
import io.keyroute.usage.UsageLedger;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.server.auth.VaultAuthenticator;
import io.keyroute.server.runtime.VaultStartup;
import io.keyroute.vault.Vault;
import io.keyroute.vault.keys.ApiKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyroute serve [--config FILE] [--demo]}: runs the gateway until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** How often budget holds are looked at: many chances to renew one before it lapses (10 min). */
    private static final Duration HOLD_TICK = Duration.ofSeconds(30);

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
        KeyrouteConfig loaded;
        try {
            loaded = overlay.apply(loader.load(file));
        } catch (ConfigException e) {
            System.err.println("Keyroute cannot start: the config is invalid.\n" + e.getMessage());
            return 2;
        }
        ConfigSecrets.register(loaded, env);

        var keys = new KeyrouteKeys(new SecureRandom());
        var clock = Clock.systemUTC();
        var running = new AtomicReference<Gateway>();
        try {
            AdminToken.fromEnvironment(env);
        } catch (IllegalArgumentException e) { // a KEYROUTE_ADMIN_TOKEN too weak to guard the gateway
            System.err.println("Keyroute cannot start: " + e.getMessage());
            return 2;
        }
        Vault vault;
        try {
            PrivateFiles.directory(DATA); // owner-only, also when an earlier version made it readable by others
            vault = VaultStartup.open(loaded, env, DATA, keys, () -> running.get().runtime(), clock);
        } catch (RuntimeException e) { // no master key, database unreachable or not migratable
            System.err.println("Keyroute cannot start: " + Secrets.scrub(String.valueOf(e.getMessage())));
            return 2;
        }
        String adminHash = AdminToken.hash(env, vault.adminTokens(), DATA, keys, console);
        DemoAccount demoAccount = demo ? DemoAccount.ensure(vault, loaded) : null;
        ApiKeys.Issued demoKey = demoAccount == null ? null : demoAccount.issue();
        if (demoKey != null) {
            KnownSecrets.register(demoKey.plaintext().reveal());
        }

        UsageLedger ledger;
        try { // stores what the journal kept from a previous run before serving (and before budgets read the ledger)
            var journal = LedgerJournal.open(journalDir(loaded), LedgerJournal.DEFAULT_SEGMENT_BYTES);
            ledger = UsageLedger.start(vault.database(), journal, UsageLedger.Settings.DEFAULT);
        } catch (RuntimeException e) { // journal in use by another process, unreadable, or not storable
            System.err.println("Keyroute cannot start: " + Secrets.scrub(String.valueOf(e.getMessage())));
            vault.close();
            return 2;
        }
        var metrics = new GatewayMetrics();
        metrics.watchLedger(ledger::depth);
        UsageSink usage = metrics.usage().andThen(new AccessLog()).andThen(new LedgerSink(ledger, clock));
        RateLimitGate rateLimits;
        Budgets budgets;
        try {
            rateLimits = RateLimitGate.forConfig(loaded, clock);
        } catch (RuntimeException e) { // Redis unreachable
            vault.close();
            System.err.println("Keyroute cannot start: rate limits: " + Secrets.scrub(String.valueOf(e.getMessage())));
            return 2;
        }
        try {
            budgets = Budgets.open(loaded.redis() == null ? null : loaded.redis().url(), vault.database(), clock);
        } catch (RuntimeException e) { // Redis unreachable
            rateLimits.close();
            vault.close();
            System.err.println("Keyroute cannot start: budgets: " + Secrets.scrub(String.valueOf(e.getMessage())));
            return 2;
        }
        // Holds of long streams renewed, settles the store refused retried: both every HOLD_TICK.
        var held = new HeldBudgets(clock, metrics.budgets()).every(HOLD_TICK);
        metrics.watchUnsettledBudgets(held::unsettled);
        // Rate limits first: they are cheap and refuse before any money is reserved.
        Gateway gateway = Gateway.builder(loaded, new VaultAuthenticator(vault.keys(), adminHash))
                .vault(vault).usage(usage).metrics(metrics).clock(clock)
                .gate(rateLimits.then(new BudgetGate(budgets, clock, held, metrics.budgets()))).budgets(budgets).start();
        running.set(gateway);
        ConfigWatcher watcher = null;
        if (file.isPresent()) {
            watcher = new ConfigWatcher(file.get(), loader, loaded, next -> {
                KeyrouteConfig applied = overlay.apply(next);
                ConfigSecrets.register(applied, env);
                gateway.apply(applied);
                vault.audit().record("operator", "config.reloaded", file.get().toString(), null, null);
            });
            watcher.start();
        }
        String base = "http://" + loaded.server().host() + ":" + gateway.port();
        LOG.info("Keyroute ready on {} in {} ms (config: {})", base,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), file.map(Path::toString).orElse("embedded defaults"));
        if (demoKey != null) {
            printDemo(console, base, demoKey.plaintext());
        }
        awaitShutdown(gateway, watcher, () -> {
            if (demoKey != null) {
                demoAccount.revoke(demoKey.key());
            }
            rateLimits.close();
            held.close();
            budgets.close();
            vault.close();
        });
        return 0;
    }

    /** The usage journal lives next to the database file (SQLite), else in the data directory. */
    private static Path journalDir(KeyrouteConfig config) {
        return Database.sqliteFile(config.database().url()).map(Path::getParent).orElse(DATA).resolve("ledger.journal");
    }

    private static void printDemo(PrintStream console, String base, Secret key) {
        console.println();
        console.println("Keyroute demo is running on " + base + " with the mock provider (model " + DemoOverlay.MODEL + ").");
        console.println("Demo key (valid until this process stops): " + key.reveal());
        console.println("Try it:");
        console.println("  curl " + base + "/v1/chat/completions -H 'Authorization: Bearer " + key.reveal() + "' "
                + "-H 'Content-Type: application/json' "
                + "-d '{\"model\":\"" + DemoOverlay.MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello Keyroute\"}]}'");
        console.println();
    }

    private static void awaitShutdown(Gateway gateway, ConfigWatcher watcher, Runnable afterStop) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Keyroute stopping");
            if (watcher != null) {
                watcher.close();
            }
            try {
                gateway.drain(); // not ready, new requests refused, those in flight finish and are recorded
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gateway.close(); // stops serving, then flushes the usage ledger
            afterStop.run(); // closes the budgets, the vault and with it the database, after the ledger's last write
            stopped.countDown();
        }, "keyroute-shutdown"));
        stopped.await();
    }
}
