package io.keyroute.server.config;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a running config changes, whatever noticed the change (the file watched, the
 * database's sections polled, an edit through the management API): the whole config is read
 * again and, when valid and different from the running one, handed to the listener. One reload
 * at a time, so two sources never apply out of order. An invalid config is logged (one ERROR line
 * with every problem) and the running one kept.
 */
public final class ConfigReloads {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloads.class);

    private final Supplier<KeyrouteConfig> reading;
    private final Consumer<KeyrouteConfig> listener;
    private KeyrouteConfig current; // guarded by this

    /**
     * @param reading  the config as it now is (file and stored sections), validated; throws {@link ConfigException}
     * @param current  the running config, so an unchanged one is not reported as a change
     * @param listener receives each new valid config, on the reloading thread; it may refuse one
     *                 with {@link ConfigException} (what only building it finds)
     */
    public ConfigReloads(Supplier<KeyrouteConfig> reading, KeyrouteConfig current, Consumer<KeyrouteConfig> listener) {
        this.reading = Objects.requireNonNull(reading, "reading");
        this.current = Objects.requireNonNull(current, "current");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Reads the config now: a valid change goes to the listener, an invalid one is logged and dropped.
     *
     * @param origin what changed, for the log ({@code /etc/keyroute.yaml}, {@code database config revision 7})
     * @return what came of it
     */
    public synchronized Outcome reload(String origin) {
        KeyrouteConfig next;
        try {
            next = reading.get();
        } catch (ConfigException e) {
            LOG.error("config change in {} rejected, keeping the running config: {}", origin,
                    String.join(" | ", e.problems()));
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            LOG.error("config change in {} rejected, keeping the running config: {}", origin,
                    e.getClass().getSimpleName());
            return Outcome.FAILED;
        }
        if (next.equals(current)) {
            LOG.debug("{} changed but the config is the same", origin);
            return Outcome.UNCHANGED;
        }
        try {
            listener.accept(next);
            current = next;
            LOG.info("config reloaded from {}", origin);
            return Outcome.APPLIED;
        } catch (ConfigException e) {
            // What only building it finds (a guardrail type refusing its settings): rejected like any invalid change.
            LOG.error("config change in {} rejected, keeping the running config: {}", origin,
                    String.join(" | ", e.problems()));
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            // Not recorded as current, so the next change (or the same one saved again) retries it.
            LOG.error("applying the config reloaded from {} failed: {}", origin, e.getClass().getSimpleName());
            return Outcome.FAILED;
        }
    }

    /** What came of a reload. */
    public enum Outcome {
        /** A new config runs. */
        APPLIED,
        /** The config read is the one running. */
        UNCHANGED,
        /** The config read is invalid: logged, the running one kept until the next change. */
        REJECTED,
        /** Reading or applying failed for another reason (the database unreachable): worth trying again. */
        FAILED
    }

    /** The config running now (the last one the listener accepted). */
    public synchronized KeyrouteConfig current() {
        return current;
    }
}
