package io.keyroute.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process is the one of its cluster that runs a kind of background work which must run
 * once at a time (purges, alert evaluation): the one holding a PostgreSQL session-level advisory
 * lock, named by the schema and the work, on a connection of its own. The lock lives and dies with
 * that connection, so a replica killed or cut off from the database loses it, and another takes it
 * at its next try: hand-over within about one {@code every}. The holder checks its connection at the
 * same pace and stops leading as soon as it fails, so two replicas lead together for at most that
 * long; the work led must therefore be idempotent (a purge, an alert deduplicated by key).
 *
 * <p>SQLite serves one process: it always leads, and no thread is started.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    private static final int CHECK_TIMEOUT_SECONDS = 2;

    private final String name;
    private final String jdbcUrl;
    private final ScheduledExecutorService timer;
    private volatile boolean leads;
    private Connection connection; // the timer's thread only

    private Leadership(String name, String jdbcUrl, Duration every) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("keyroute-leadership-" + name).factory());
        timer.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param name  the work led, the same on every replica (e.g. {@code "background"})
     * @param every how often a follower tries to take the lead and the leader checks it still holds it
     */
    public static Leadership of(Database database, String name, Duration every) {
        return database.dialect() == Dialect.POSTGRESQL ? new Leadership(name, database.jdbcUrl(), every)
                : new Leadership(name);
    }

    private Leadership(String name) {
        this.name = name;
        this.jdbcUrl = null;
        this.timer = null;
        this.leads = true;
    }

    /** Whether this process leads now: cheap, read before each run of the work led. */
    public boolean leads() {
        return leads;
    }

    private void check() {
        try {
            if (connection == null || !connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                step(false);
                closeConnection();
                var properties = new Properties();
                properties.setProperty("ApplicationName", applicationName(name)); // seen in pg_stat_activity
                connection = DriverManager.getConnection(jdbcUrl, properties);
                connection.setAutoCommit(true);
            }
            if (!leads) {
                try (var statement = connection.prepareStatement(
                        "SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':keyroute:' || ?, 0))")) {
                    statement.setString(1, name);
                    try (var rows = statement.executeQuery()) {
                        step(rows.next() && rows.getBoolean(1));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            step(false);
            closeConnection();
            LOG.warn("leadership of '{}': cannot reach the database ({}); not leading until it answers", name,
                    e.getClass().getSimpleName());
        }
    }

    /** The PostgreSQL application name of the connection that holds (or tries for) the lead of {@code name}. */
    static String applicationName(String name) {
        return "keyroute-leadership-" + name;
    }

    private void step(boolean leading) {
        if (leading != leads) {
            leads = leading;
            LOG.info(leading ? "leading '{}' (background work runs on this replica)" : "no longer leading '{}'", name);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close(); // ends the session: the lock, if held, goes with it
            } catch (SQLException ignored) {
                // already broken: nothing to release
            }
            connection = null;
        }
    }

    /** Stops leading and lets the lead go at once (a draining replica hands over before it exits). */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(CHECK_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leads = false;
        closeConnection();
    }
}
