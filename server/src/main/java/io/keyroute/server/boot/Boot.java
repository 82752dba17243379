package io.keyroute.server.boot;

import io.keyroute.server.Gateway;
import io.keyroute.server.accounting.AccessLog;
import io.keyroute.server.accounting.GuardrailAudit;
import io.keyroute.server.accounting.LedgerSink;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.store.Leadership;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.ConfigReloads;
import io.keyroute.server.config.ConfigWatcher;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.stored.LiveConfig;
import io.keyroute.server.config.stored.StoredSections;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.HeldBudgets;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.server.ops.GatewayMetrics;
import io.keyroute.server.runtime.VaultStartup;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.server.telemetry.TracedGate;
import io.keyroute.store.Database;
import io.keyroute.store.PrivateFiles;
import io.keyroute.usage.LedgerJournal;
import io.keyroute.usage.UsageLedger;
import io.keyroute.usage.UsageRollup;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.vault.Vault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The composition root: opens what a gateway runs on, each resource into one {@link Resources}, and
 * closes them in reverse order, on a start-up failure and at shutdown alike. {@code keyroute serve}
 * opens everything ({@link #vault}, then {@link #serve}, then {@link #watch}); {@code keyroute bench}
 * only the vault it may need and its gateway ({@link #start}).
 */
public final class Boot implements AutoCloseable {
    /** How often budget holds are looked at: many chances to renew one before it lapses (10 min). */
    private static final Duration HOLD_TICK = Duration.ofSeconds(30);
    /** How often expired stored responses are deleted (none is found once expired, whenever it goes). */
    private static final Duration RESPONSE_PURGE = Duration.ofHours(1);
    /** How often finished usage days are rolled up and old raw rows purged (a day closes an hour after it ends). */
    private static final Duration USAGE_ROLLUP = Duration.ofMinutes(10);
    /** How soon another replica takes over background work when its leader dies or is cut off. */
    private static final Duration LEADERSHIP_CHECK = Duration.ofSeconds(1);
    /** How often the database's config revision is looked at: a change made on any replica runs on all within 1 s. */
    static final Duration CONFIG_POLL = Duration.ofMillis(250);

    private final Resources opened = new Resources();
    private final AtomicReference<Gateway> running = new AtomicReference<>();
    private final KeyrouteConfig config;
    /** The config the gateway starts on: the one at start, with the database's sections once {@link #liveConfig} read them. */
    private KeyrouteConfig serving;
    private final Map<String, String> env;
    private final Path dataDir;
    private final KeyrouteKeys keys;
    private final Clock clock;
    private volatile boolean stopping;
    private LiveConfig live; // set by liveConfig(), before serve()

    /**
     * @param config  the config at start (reloads reach the vault through the running gateway's runtime)
     * @param dataDir where the generated master key and, with SQLite elsewhere, the usage journal live
     */
    public Boot(KeyrouteConfig config, Map<String, String> env, Path dataDir, KeyrouteKeys keys, Clock clock) {
        this.config = config;
        this.serving = config;
        this.env = env;
        this.dataDir = dataDir;
        this.keys = keys;
        this.clock = clock;
    }

    /** The vault over the config's database (migrated) with its master key; the data directory made owner-only. */
    public Vault vault() {
        return open(null, () -> { // no master key, database unreachable or not migratable
            PrivateFiles.directory(dataDir); // also when an earlier version made it readable by others
            return VaultStartup.open(config, env, dataDir, keys, () -> running.get().runtime(), clock);
        });
    }
    /**
     * The run-time config sections kept in {@code vault}'s database laid over {@code file} (the
     * file's config as it now is, read again at each change); the gateway {@link #serve}s starts on
     * that config and follows every change to it. Each new config goes through {@code finish}
     * (overlays, secrets registered with the log scrubber) before it is applied.
     */
    public LiveConfig liveConfig(Vault vault, ConfigLoader loader, Supplier<KeyrouteConfig> file,
                                 UnaryOperator<KeyrouteConfig> finish) {
        try { // closed (its polling stopped) just before the gateway: see serve()
            live = new LiveConfig(loader, file, new StoredSections(vault.database().jdbc(), vault.audit(), clock),
                    next -> running.get().apply(finish.apply(next)));
        } catch (RuntimeException e) { // a stored section makes the config invalid, or the database cannot be read
            throw new StartupFailure("the config sections in the database", e);
        }
        serving = finish.apply(live.reloads().current());
        return live;
    }

    /**
     * The serving gateway over {@code vault}: the usage ledger (what its journal kept from a previous
     * run stored first, before budgets read the ledger), metrics, rate limits, budgets and their held
     * reservations, alerts, telemetry (OpenTelemetry from the {@code OTEL_*} variables), then the listener.
     */
    public Gateway serve(Vault vault, Authenticator authenticator) {
        UsageLedger ledger = open(null, () -> { // journal in use by another process, unreadable, or not storable
            var journal = opened.add(LedgerJournal.open(journalDir(), LedgerJournal.DEFAULT_SEGMENT_BYTES));
            return UsageLedger.start(vault.database(), journal, UsageLedger.Settings.DEFAULT);
        });
        // Closed after the gateway has drained, so the last requests' spans are flushed.
        Telemetry telemetry = open("telemetry", () -> Telemetry.fromEnvironment(env));
        var metrics = new GatewayMetrics();
        metrics.watchLedger(ledger::depth);
        UsageSink usage = metrics.usage().andThen(new AccessLog()).andThen(new LedgerSink(ledger, clock))
                .andThen(new GuardrailAudit(vault.audit()));
        RateLimitGate rateLimits = open("rate limits", () -> RateLimitGate.forConfig(serving, clock));
        Budgets budgets = open("budgets",
                () -> Budgets.open(config.redis() == null ? null : config.redis().url(), vault.database(), clock));
        // Read at each alert, so a reload's alerts section applies; before the gateway runs, the config at start.
        Alerts alerts = opened.add(new Alerts(vault.database().jdbc(), vault.audit(),
                () -> running.get() == null ? config.alerts() : running.get().runtime().config().alerts(), clock));
        // Every replica looks at the budgets its own requests charged (one alert per crossing all the same).
        BudgetEvents budgetEvents = metrics.budgets().andThen(alerts.budgets(() -> true));
        // Holds of long streams renewed, settles the store refused retried: both every HOLD_TICK.
        HeldBudgets held = opened.add(new HeldBudgets(clock, budgetEvents).every(HOLD_TICK));
        metrics.watchUnsettledBudgets(held::unsettled);
        // Work that must run once in a cluster runs on the elected replica (always the one on SQLite).
        Leadership leadership = opened.add(Leadership.of(vault.database(), "background", LEADERSHIP_CHECK));
        opened.add(new ResponsePurge(vault.responses(), vault.passedThroughResponses(), clock, RESPONSE_PURGE,
                leadership::leads));
        // Read at each pass, so a reload's usage section applies.
        opened.add(new UsageRollups(new UsageRollup(vault.database()), () -> (running.get() == null ? config
                : running.get().runtime().config()).usage().retention(), clock, USAGE_ROLLUP, leadership::leads));
        // Rate limits first: they are cheap and refuse before any money is reserved.
        Gateway gateway = start(Gateway.builder(serving, authenticator).vault(vault).usage(usage).metrics(metrics)
                .clock(clock).gate(TracedGate.of(telemetry, "rate_limit", rateLimits)
                        .then(TracedGate.of(telemetry, "budget", new BudgetGate(budgets, clock, held, budgetEvents))))
                .countGate(rateLimits.requestsOnly()).budgets(budgets).alerts(alerts).telemetry(telemetry)
                .liveConfig(live));
        if (live != null) { // closed before the gateway: no change is applied to one that is draining
            opened.add(live.poll(CONFIG_POLL));
        }
        return gateway;
    }

    /**
     * Starts {@code gateway}; it closes before everything opened earlier (its usage sink stores the
     * last records before the database closes), draining first when {@link #stop} closes it.
     */
    public Gateway start(Gateway.Builder gateway) {
        Gateway started = gateway.start();
        running.set(started);
        opened.add(() -> {
            if (stopping) {
                started.drain(); // not ready, new requests refused, those in flight finish and are recorded
            }
            started.close();
        });
        return started;
    }

    /**
     * Reloads the whole config through {@code reloads} when {@code file} changes, until closed (first,
     * at shutdown); {@code afterReload} runs after each change applied.
     */
    public void watch(Path file, ConfigReloads reloads, Runnable afterReload) {
        opened.add(new ConfigWatcher(file, reloads, afterReload)).start();
    }

    /** Runs {@code step} at close, after what is opened from now on and before what was opened earlier. */
    public void onClose(Runnable step) {
        opened.add(step::run);
    }

    /** The graceful stop: the config watcher, then the gateway drained and closed, then the rest in reverse. */
    public void stop() {
        stopping = true;
        close();
    }

    /** Closes everything opened, newest first (a start-up failure's path: the gateway, if any, is not drained). */
    @Override
    public void close() {
        opened.close();
    }

    /** Opens a resource and takes it to close; a failure to open names it (the config's fault, not a bug). */
    private <T extends AutoCloseable> T open(String resource, Supplier<T> opening) {
        try {
            return opened.add(opening.get());
        } catch (RuntimeException e) {
            throw new StartupFailure(resource, e);
        }
    }

    /** The usage journal lives next to the database file (SQLite), else in the data directory. */
    private Path journalDir() {
        return Database.sqliteFile(config.database().url()).map(Path::getParent).orElse(dataDir).resolve("ledger.journal");
    }
}
