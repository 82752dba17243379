package io.keyroute.server.config;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: watches the config file and hands each valid change to a listener through
 * {@link ConfigReloads}. An invalid change is logged (one ERROR line with every problem) and the
 * running config is kept.
 *
 * <p>The file's directory is watched, not the file, because editors and deploy tools save by
 * writing a temporary file and renaming it over the old one: that shows up as a create of the
 * file name, and a watch on the old file itself would be lost. Bursts of events (truncate then
 * write, several writes) are merged by waiting until the directory has been quiet for the
 * debounce interval. A reload that yields the config already running does not call the listener.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);

    private final Path file;
    private final ConfigReloads reloads;
    private final Runnable afterReload;
    private final Duration debounce;
    // Set once by start(), before the watch thread starts.
    private WatchService watchService;
    private WatchKey directoryKey;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param file     the config file the running config came from
     * @param loader   reads and validates it
     * @param current  the running config, so an unchanged file is not reported as a change
     * @param listener receives each new valid config, on the watcher's thread
     */
    public ConfigWatcher(Path file, ConfigLoader loader, KeyrouteConfig current, Consumer<KeyrouteConfig> listener) {
        this(file, loader, current, listener, DEFAULT_DEBOUNCE);
    }

    ConfigWatcher(Path file, ConfigLoader loader, KeyrouteConfig current, Consumer<KeyrouteConfig> listener,
                  Duration debounce) {
        this(file, new ConfigReloads(() -> loader.load(file), current, listener), () -> { }, debounce);
    }

    /**
     * @param reloads     reads the whole config again when the file changes (the file and the database's sections)
     * @param afterReload run after each change of the file was applied (it audits the reload)
     */
    public ConfigWatcher(Path file, ConfigReloads reloads, Runnable afterReload) {
        this(file, reloads, afterReload, DEFAULT_DEBOUNCE);
    }

    private ConfigWatcher(Path file, ConfigReloads reloads, Runnable afterReload, Duration debounce) {
        this.file = file.toAbsolutePath().normalize();
        this.reloads = Objects.requireNonNull(reloads, "reloads");
        this.afterReload = Objects.requireNonNull(afterReload, "afterReload");
        this.debounce = debounce;
    }

    /** Starts watching on a virtual thread; call once. */
    public synchronized void start() throws IOException {
        if (watchService != null) {
            throw new IllegalStateException("already started");
        }
        watchService = file.getFileSystem().newWatchService();
        directoryKey = file.getParent().register(watchService, ENTRY_CREATE, ENTRY_MODIFY);
        thread = Thread.ofVirtual().name("keyroute-config-watcher").start(this::watch);
        LOG.info("watching {} for config changes", file);
    }

    /** Reads the file now: a valid change goes to the listener, an invalid one is logged and dropped. */
    public void reloadNow() {
        if (reloads.reload(file.toString()) == ConfigReloads.Outcome.APPLIED) {
            afterReload.run();
        }
    }

    private void watch() {
        try {
            while (directoryKey.isValid()) {
                if (!isAboutOurFile(watchService.take())) {
                    continue;
                }
                WatchKey more;
                while ((more = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    isAboutOurFile(more);
                }
                reloadNow();
            }
            if (!closed) {
                LOG.warn("{} can no longer be watched (directory removed?); config changes need a restart",
                        file.getParent());
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close() was called
        }
    }

    /** Drains and re-arms {@code key}; true when an event touched the config file (or some were lost). */
    private boolean isAboutOurFile(WatchKey key) {
        boolean ours = false;
        for (var event : key.pollEvents()) {
            ours |= event.kind() == OVERFLOW || file.getFileName().equals(event.context());
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() {
        Thread watcher;
        synchronized (this) {
            if (watchService == null || closed) {
                return;
            }
            closed = true;
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.warn("closing the config watcher failed: {}", e.toString());
            }
            watcher = thread;
        }
        // Closing the service wakes the thread; a reload in progress is left to finish.
        try {
            watcher.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
