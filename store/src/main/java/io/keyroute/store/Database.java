package io.keyroute.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/** The connection pool for one JDBC URL, its {@link Dialect}, and the schema migrations. */
public final class Database implements AutoCloseable {
    private static final String SQLITE = "jdbc:sqlite:";
    private static final String MIGRATIONS = "classpath:db/migration";
    /** The newest migration in db/migration (DatabaseTest checks the two agree); earlier numbers may be missing. */
    static final int SCHEMA_VERSION = 20; // V20__stored_responses_sealed_bytes.sql (V19 is the hourly roll-ups'): a new one is V21

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final NativeCalls calls;
    private final Jdbc jdbc;
    private volatile boolean migrated;

    private Database(HikariDataSource pool, Dialect dialect, NativeCalls calls) {
        this.pool = pool;
        this.dialect = dialect;
        this.calls = calls;
        this.jdbc = new Jdbc(pool, dialect, calls);
    }

    /**
     * Opens a pool; does not migrate. An SQLite file and its directory are created owner-only if
     * missing, an existing file (and its WAL) made owner-only ({@link PrivateFiles}).
     */
    public static Database open(String jdbcUrl) {
        Dialect dialect = Dialect.of(jdbcUrl);
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("keyroute-db");
        if (dialect == Dialect.SQLITE) {
            prepareFiles(jdbcUrl);
            // WAL lets readers run beside the one writer; busy_timeout makes writers queue, not fail.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "5000");
            config.addDataSourceProperty("foreign_keys", "true");
            // Deleted content (a rotated credential's ciphertext, a revoked key's row) is overwritten
            // with zeros in the file, not left in free pages for anyone holding a copy of it.
            config.addDataSourceProperty("secure_delete", "true");
            // BEGIN IMMEDIATE: a transaction takes the write lock up front, so it waits (busy_timeout)
            // instead of failing when a read turns into a write.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(16);
        }
        // SQLite's driver is native code, which holds a virtual thread's carrier: a thread per connection takes it off them.
        NativeCalls calls = dialect == Dialect.SQLITE
                ? NativeCalls.onPlatformThreads("keyroute-sqlite", config.getMaximumPoolSize()) : NativeCalls.inPlace();
        return new Database(new HikariDataSource(config), dialect, calls);
    }

    /**
     * Applies pending migrations (db/migration); safe to run on every start and from several
     * replicas. When Flyway's history already shows exactly this build's migrations applied,
     * Flyway is not started at all: starting it and having it look took ~0.6 s, a fifth of
     * Keyroute's start-up, on every start after the first. (What is skipped then is Flyway's
     * check that applied migration files were not edited since; any pending change runs Flyway.)
     */
    public int migrate() {
        if (schemaIsCurrent()) {
            migrated = true;
            return 0;
        }
        int applied = Flyway.configure()
                .dataSource(pool)
                .locations(MIGRATIONS)
                .load()
                .migrate()
                .migrationsExecuted;
        migrated = true;
        return applied;
    }

    /** Whether the successful versions in Flyway's history are exactly this build's migrations (nothing failed, nothing newer). */
    private boolean schemaIsCurrent() {
        try (var connection = pool.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
            var versions = new java.util.HashSet<Integer>();
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                versions.add(Integer.parseInt(rows.getString(1)));
            }
            return versions.equals(MigrationFiles.versions());
        } catch (java.sql.SQLException | NumberFormatException e) {
            return false; // no history table yet (a new database), or a version this build does not number
        }
    }

    /**
     * Whether the database answers and every migration is applied (for /ready). Migrations are
     * looked up until they are seen applied; after that, only the connection is checked.
     */
    public boolean ready() {
        return calls.run(this::answers);
    }

    private boolean answers() {
        try {
            if (!migrated) {
                migrated = Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().info().pending().length == 0;
            }
            try (var connection = pool.getConnection()) {
                return migrated && connection.isValid(2);
            }
        } catch (RuntimeException | java.sql.SQLException e) {
            return false;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** How long replicas may cache what they read from this database. */
    public CacheFreshness cacheFreshness() {
        return CacheFreshness.of(dialect);
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** The URL the pool connects with, for a connection of its own outside the pool ({@link Leadership}). */
    String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    @Override
    public void close() {
        pool.close();
        calls.close();
    }

    /** The database file of an SQLite URL with a plain path; empty for other databases and in-memory ones. */
    public static Optional<Path> sqliteFile(String jdbcUrl) {
        if (Dialect.of(jdbcUrl) != Dialect.SQLITE) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(SQLITE.length());
        int query = file.indexOf('?');
        file = query >= 0 ? file.substring(0, query) : file;
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath());
    }

    /** The database file owner-only (SQLite creates its WAL and shared-memory files with the database's mode). */
    private static void prepareFiles(String jdbcUrl) {
        Optional<Path> file = sqliteFile(jdbcUrl);
        if (file.isEmpty()) {
            return;
        }
        Path parent = PrivateFiles.createDirectories(file.get().getParent());
        PrivateFiles.file(file.get());
        for (String companion : new String[] {"-wal", "-shm", "-journal"}) {
            PrivateFiles.restrictFile(file.get().resolveSibling(file.get().getFileName() + companion));
        }
        SqliteNativeLibrary.useCopyIn(parent.resolve(".native"));
    }
}
