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
 * Hot reload: watches the config file and hands each valid change to a listener. An invalid
 * change is logged (one ERROR line with every problem) and the running config is kept.
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
    private final ConfigLoader loader;
    private final Consumer<KeyrouteConfig> listener;
    private final Duration debounce;
    private KeyrouteConfig current; // guarded by this
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
        this.file = file.toAbsolutePath().normalize();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.current = Objects.requireNonNull(current, "current");
        this.listener = Objects.requireNonNull(listener, "listener");
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
    public synchronized void reloadNow() {
        KeyrouteConfig next;
        try {
            next = loader.load(file);
        } catch (ConfigException e) {
            LOG.error("config change in {} rejected, keeping the running config: {}", file,
                    String.join(" | ", e.problems()));
            return;
        } catch (RuntimeException e) {
            LOG.error("config change in {} rejected, keeping the running config: {}", file,
                    e.getClass().getSimpleName());
            return;
        }
        if (next.equals(current)) {
            LOG.debug("{} changed on disk but the config is the same", file);
            return;
        }
        try {
            listener.accept(next);
            current = next;
            LOG.info("config reloaded from {}", file);
        } catch (ConfigException e) {
            // What only building it finds (a guardrail type refusing its settings): rejected like any invalid change.
            LOG.error("config change in {} rejected, keeping the running config: {}", file,
                    String.join(" | ", e.problems()));
        } catch (RuntimeException e) {
            // Not recorded as current, so the next change (or the same one saved again) retries it.
            LOG.error("applying the config reloaded from {} failed: {}", file, e.getClass().getSimpleName());
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
