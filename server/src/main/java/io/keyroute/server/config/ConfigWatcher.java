package io.keyroute.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: notices changes of the config file and hands each valid one to a listener through
 * {@link ConfigReloads}. An invalid change is logged (one ERROR line with every problem) and the
 * running config is kept.
 *
 * <p>The file is polled (its modification time, size and identity, through symbolic links) rather
 * than watched with the directory's change notifications. Those fire for every file in the
 * directory, and the config's directory is where the SQLite database, its write-ahead log and often
 * the access log are written on every request: each write woke the watcher (4–14 µs of CPU a
 * request, docs/PERFORMANCE.md). Polling also sees what a directory watch misses: a Kubernetes
 * ConfigMap swaps a symbolic link two levels up, never touching the file's own name. A save by
 * rename changes the identity, an in-place write the time or size. Bursts (truncate then write,
 * several writes) are merged by waiting until the file has stayed the same for the debounce
 * interval. A file that is missing for a moment (deleted, then written again) is left alone until
 * it is back. A reload that yields the config already running does not call the listener.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
    /** How often the file is looked at: one stat call, as often as the database's config sections are polled. */
    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    /** What is compared between two looks at the file. */
    private record Look(Object identity, long modifiedNanos, long size) {
        static final Look MISSING = new Look(null, -1, -1);

        /** An unreadable file counts as missing: it is looked at again until it can be read. */
        static Look at(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Look(attributes.fileKey(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        attributes.size());
            } catch (IOException e) {
                return MISSING;
            }
        }
    }

    private final Path file;
    private final ConfigReloads reloads;
    private final Runnable afterReload;
    private final Duration debounce;
    private final Duration interval;
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
        this(file, new ConfigReloads(() -> loader.load(file), current, listener), () -> { }, debounce, DEFAULT_INTERVAL);
    }

    /**
     * @param reloads     reads the whole config again when the file changes (the file and the database's sections)
     * @param afterReload run after each change of the file was applied (it audits the reload)
     */
    public ConfigWatcher(Path file, ConfigReloads reloads, Runnable afterReload) {
        this(file, reloads, afterReload, DEFAULT_DEBOUNCE, DEFAULT_INTERVAL);
    }

    ConfigWatcher(Path file, ConfigReloads reloads, Runnable afterReload, Duration debounce, Duration interval) {
        this.file = file.toAbsolutePath().normalize();
        this.reloads = Objects.requireNonNull(reloads, "reloads");
        this.afterReload = Objects.requireNonNull(afterReload, "afterReload");
        this.debounce = debounce;
        this.interval = interval;
    }

    /** Starts looking at the file on a virtual thread; call once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Look first = Look.at(file);
        thread = Thread.ofVirtual().name("keyroute-config-watcher").start(() -> watch(first));
        LOG.info("watching {} for config changes", file);
    }

    /** Reads the file now: a valid change goes to the listener, an invalid one is logged and dropped. */
    public void reloadNow() {
        if (reloads.reload(file.toString()) == ConfigReloads.Outcome.APPLIED) {
            afterReload.run();
        }
    }

    private void watch(Look seen) {
        try {
            while (!closed) {
                Thread.sleep(interval);
                Look now = Look.at(file);
                if (now.equals(seen) || now == Look.MISSING) {
                    continue;
                }
                for (Look settled = now; ; settled = now) { // until it stays the same for the debounce interval
                    Thread.sleep(debounce);
                    now = Look.at(file);
                    if (now.equals(settled)) {
                        break;
                    }
                }
                seen = now;
                if (now != Look.MISSING && !closed) {
                    reloadNow();
                }
            }
        } catch (InterruptedException e) {
            // close() was called
        }
    }

    @Override
    public void close() {
        Thread watcher;
        synchronized (this) {
            if (thread == null || closed) {
                return;
            }
            closed = true;
            watcher = thread;
        }
        // Interrupting wakes the thread from its sleep; a reload in progress is left to finish.
        watcher.interrupt();
        try {
            watcher.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
