package io.keyroute.server.cache.semantic;

import io.keyroute.server.config.SemanticCacheSettings;
import io.keyroute.store.Database;
import io.keyroute.store.Dialect;
import io.keyroute.store.Jdbc;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the vector index {@code cache.semantic.store} names, at start (a reload that changes it, or enables the
 * semantic cache when it was off at start, applies at the next start; until then vectors stay in this process). {@code postgres} needs the database to be PostgreSQL with the pgvector extension available
 * ({@code pg_available_extensions}) and creatable; without it, one log line says so and the vectors go to Redis
 * when {@code redis.url} is set, else stay in this process.
 */
public final class VectorIndexes {
    /** The in-process index's bound: 64 MiB of floats (some 10,000 vectors of 1536 dimensions, 65,000 of 256). */
    public static final long MEMORY_FLOATS = 16L * 1024 * 1024;
    static final String REDIS_PREFIX = "keyroute:semantic:";
    private static final Logger LOG = LoggerFactory.getLogger(VectorIndexes.class);

    private VectorIndexes() {
    }

    /**
     * @param redisUrl the config's {@code redis.url}, or null
     * @param database the gateway's database, or null (tests without one)
     */
    public static VectorIndex open(SemanticCacheSettings settings, String redisUrl, Database database, Clock clock) {
        if (!settings.enabled()) {
            return new MemoryIndex(MEMORY_FLOATS, clock); // connects nothing; a reload that enables it uses this
        }
        VectorIndex index = switch (settings.store()) {
            case SemanticCacheSettings.REDIS -> new RedisIndex(redisUrl, REDIS_PREFIX, MEMORY_FLOATS, clock);
            case SemanticCacheSettings.POSTGRES -> postgres(database, redisUrl, clock);
            default -> new MemoryIndex(MEMORY_FLOATS, clock);
        };
        LOG.info("The semantic cache keeps its vectors {}", index.describe());
        return index;
    }

    private static VectorIndex postgres(Database database, String redisUrl, Clock clock) {
        String missing = database == null || database.dialect() != Dialect.POSTGRESQL ? "the database is not PostgreSQL"
                : pgvector(database.jdbc());
        if (missing == null) {
            return new PgVectorIndex(database.jdbc(), clock);
        }
        VectorIndex fallback = redisUrl != null ? new RedisIndex(redisUrl, REDIS_PREFIX, MEMORY_FLOATS, clock)
                : new MemoryIndex(MEMORY_FLOATS, clock);
        LOG.warn("cache.semantic.store is postgres but {}: the semantic cache keeps its vectors {} instead",
                missing, fallback.describe());
        return fallback;
    }

    /** Null when pgvector is ready (extension and table created if absent), else why not. */
    static String pgvector(Jdbc jdbc) {
        boolean available = jdbc.queryOne("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
                rs -> true).orElse(false);
        if (!available) {
            return "its server has no pgvector extension (vector) in pg_available_extensions";
        }
        try {
            jdbc.update("CREATE EXTENSION IF NOT EXISTS vector");
            jdbc.update(PgVectorIndex.CREATE);
            jdbc.update(PgVectorIndex.CREATE_INDEX);
            return null;
        } catch (RuntimeException e) { // e.g. not allowed to create extensions
            return "the pgvector extension could not be created (" + e.getClass().getSimpleName() + ")";
        }
    }
}
