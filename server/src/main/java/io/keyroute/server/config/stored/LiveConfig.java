package io.keyroute.server.config.stored;

import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.ConfigReloads;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.vault.common.VaultErrors;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running config as the file (or the embedded defaults) with the database's run-time sections
 * laid over it, whole section for whole section ({@link ConfigLoader#withSections}): edited through
 * the management API, and polled, so that a change made on any replica is in effect on every one
 * within {@code every} plus a reload. Every change, wherever it comes from, goes through the same
 * {@link ConfigReloads}: validated whole, then the runtime swapped whole, or refused and the running
 * config kept.
 */
public final class LiveConfig implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);
    /** Validations of one edit, each redone because another edit landed meanwhile, before it gives up (409). */
    private static final int EDIT_ATTEMPTS = 3;

    private final ConfigLoader loader;
    private final Supplier<KeyrouteConfig> file;
    private final StoredSections sections;
    private final ConfigReloads reloads;
    private ScheduledExecutorService poller; // set once by poll()
    private long seen; // the poller's thread only, after poll()
    private boolean unreachable; // the poller's thread only

    /**
     * Reads the stored sections now: a stored section that makes the config invalid fails the start
     * ({@link io.keyroute.server.config.ConfigException}), as an invalid file would.
     *
     * @param file     the config file as it now is (read again at each change), or the config at start
     * @param listener applies each new config (the gateway's runtime swap)
     */
    public LiveConfig(ConfigLoader loader, Supplier<KeyrouteConfig> file, StoredSections sections,
                      Consumer<KeyrouteConfig> listener) {
        this.loader = loader;
        this.file = file;
        this.sections = sections;
        this.seen = sections.revision();
        this.reloads = new ConfigReloads(this::effective, effective(), listener);
    }

    /** The config as the file and the stored sections make it now, validated. */
    public KeyrouteConfig effective() {
        return loader.withSections(file.get(), sections.texts());
    }

    /** Every change goes through these: the file watcher's too. */
    public ConfigReloads reloads() {
        return reloads;
    }

    public StoredSections sections() {
        return sections;
    }

    /** Looks at the revision every {@code every}, reloading when it moved; call once, after the gateway runs. */
    public synchronized LiveConfig poll(Duration every) {
        if (poller != null) {
            throw new IllegalStateException("already polling");
        }
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("keyroute-config-poller").factory());
        poller.scheduleWithFixedDelay(this::look, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Stores {@code content} as {@code section} if the whole config with it is valid and the runtime
     * builds (else {@link io.keyroute.server.config.ConfigException}, nothing stored), and its stored
     * version is still {@code basedOn} (else 409); then applies it here at once.
     *
     * @param check what only building a runtime finds (a guardrail's type refusing its settings)
     */
    public StoredSection put(String section, String content, long basedOn, String actor,
                             Consumer<KeyrouteConfig> check) {
        StoredSection stored = validatedEdit(texts -> texts.put(section, content), check,
                validated -> sections.put(section, content, basedOn, actor, validated));
        reloadAt(stored.version());
        return stored;
    }

    /**
     * Removes {@code section} from the database (the file's applies) if it is stored (else 404), the
     * config stays valid and its version is still {@code basedOn}.
     */
    public void delete(String section, long basedOn, String actor, Consumer<KeyrouteConfig> check) {
        validatedEdit(texts -> texts.remove(section), check, validated -> {
            sections.delete(section, basedOn, actor, validated);
            return null;
        });
        reloadAt(sections.revision());
    }

    /**
     * Validates the config the stored sections make with {@code edit} made, then {@code save}s the
     * edit, which lands only if the stored sections are still those validated (compared in the saving
     * transaction, under the writers' lock); when another edit landed meanwhile, validates again over it.
     * The validation itself stays outside the transaction: building the runtime may load a guardrail's
     * model (seconds), and on SQLite the transaction holds the database's one write lock, which every
     * ledger, key and audit write of the process waits for.
     */
    private <T> T validatedEdit(Consumer<Map<String, String>> edit, Consumer<KeyrouteConfig> check,
                                Function<Map<String, String>, T> save) {
        for (int attempt = 1; ; attempt++) {
            Map<String, String> texts = new HashMap<>(sections.texts());
            edit.accept(texts);
            check.accept(loader.withSections(file.get(), texts));
            try {
                return save.apply(texts);
            } catch (StoredSections.ChangedMeanwhile e) {
                if (attempt == EDIT_ATTEMPTS) {
                    throw VaultErrors.conflict("Other config sections kept changing while this edit was validated;"
                            + " nothing was changed. Try again.");
                }
            }
        }
    }

    private void reloadAt(long revision) {
        reloads.reload(origin(revision));
    }

    private void look() {
        try {
            long revision = sections.revision();
            if (unreachable) {
                LOG.info("the database's config sections can be read again");
                unreachable = false;
            }
            if (revision != seen && reloads.reload(origin(revision)) != ConfigReloads.Outcome.FAILED) {
                seen = revision;
            }
        } catch (RuntimeException e) {
            if (!unreachable) { // once per outage, not four times a second
                LOG.warn("the database's config sections cannot be read ({}); the running config is kept",
                        e.getClass().getSimpleName());
                unreachable = true;
            }
        }
    }

    private static String origin(long revision) {
        return "database config revision " + revision;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
