package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.keyroute.server.config.SemanticCacheSettings;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code store: postgres} on the real PostgreSQL: this machine's has no pgvector, so the detection finds it absent,
 * says so in one log line, and the vectors go to Redis when configured, else stay in process. Where the extension is
 * available the same call opens the pgvector index (checked by the first test, whichever the server has).
 */
class VectorIndexesTest {
    private static final SemanticCacheSettings POSTGRES = new SemanticCacheSettings(true, "m", 0.9, 1, false, false,
            "postgres", null, null, null, null);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(VectorIndexes.class);

    @BeforeEach
    void listen() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logs);
    }

    private static Database postgres() {
        Optional<String> url = TestServices.postgresUrl();
        assumeTrue(url.isPresent(), "KEYROUTE_TEST_POSTGRES_URL is not set");
        return Database.open(url.get());
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theDetectionAgreesWithPgAvailableExtensions() {
        try (Database db = postgres()) {
            boolean available = db.jdbc().queryOne("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
                    rs -> true).orElse(false);
            try (VectorIndex index = VectorIndexes.open(POSTGRES, null, db, Clock.systemUTC())) {
                assertThat(index.describe()).isEqualTo(available ? "in PostgreSQL (pgvector)" : "in this process");
            }
        }
    }

    @Test
    void withoutPgvectorOneLineSaysSoAndTheVectorsStayInProcess() {
        try (Database db = postgres()) {
            assumeTrue(VectorIndexes.pgvector(db.jdbc()) != null, "this PostgreSQL has pgvector");
            logs.list.clear();
            try (VectorIndex index = VectorIndexes.open(POSTGRES, null, db, Clock.systemUTC())) {
                assertThat(index).isInstanceOf(MemoryIndex.class);
            }
            assertThat(warnings()).containsExactly("cache.semantic.store is postgres but its server has no pgvector "
                    + "extension (vector) in pg_available_extensions: the semantic cache keeps its vectors in this process "
                    + "instead");
        }
    }

    @Test
    void withoutPgvectorButWithRedisTheVectorsGoToRedis() {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        try (Database db = postgres()) {
            assumeTrue(VectorIndexes.pgvector(db.jdbc()) != null, "this PostgreSQL has pgvector");
            try (VectorIndex index = VectorIndexes.open(POSTGRES, redis.get(), db, Clock.systemUTC())) {
                assertThat(index).isInstanceOf(RedisIndex.class);
            }
            assertThat(warnings()).singleElement().asString().endsWith("keeps its vectors in Redis instead");
        }
    }

    @Test
    void onSqliteTheFallbackSaysTheDatabaseIsNotPostgres() {
        try (Database db = Database.open(TestServices.sqlite().url())) {
            try (VectorIndex index = VectorIndexes.open(POSTGRES, null, db, Clock.systemUTC())) {
                assertThat(index).isInstanceOf(MemoryIndex.class);
            }
        }
        assertThat(warnings()).singleElement().asString().startsWith("cache.semantic.store is postgres but the "
                + "database is not PostgreSQL");
    }
}
