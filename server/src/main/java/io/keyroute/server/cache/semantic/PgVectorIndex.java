package io.keyroute.server.cache.semantic;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import io.keyroute.store.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Vectors in PostgreSQL with the pgvector extension, shared by every replica: one table, the partition's rows
 * scanned by pgvector's cosine distance ({@code <=>}) in the database. Made only when the extension is there
 * ({@link VectorIndexes}); its table is created then, outside the migrations, so a database without pgvector
 * never has it. Rows past a partition's {@code maxEntries}, and expired ones, are deleted on each add.
 */
final class PgVectorIndex implements VectorIndex {
    static final String CREATE = """
            CREATE TABLE IF NOT EXISTS semantic_cache_vectors (
                id BIGSERIAL PRIMARY KEY,
                partition_hash TEXT NOT NULL,
                answer_key TEXT NOT NULL,
                embedding vector NOT NULL,
                expires_at BIGINT NOT NULL)""";
    static final String CREATE_INDEX = "CREATE INDEX IF NOT EXISTS semantic_cache_vectors_partition "
            + "ON semantic_cache_vectors (partition_hash, id)";
    private static final String NEAREST = """
            SELECT answer_key, 1 - (embedding <=> CAST(? AS vector)) AS similarity FROM semantic_cache_vectors
            WHERE partition_hash = ? AND expires_at > ? AND vector_dims(embedding) = ?
            ORDER BY embedding <=> CAST(? AS vector) LIMIT 1""";
    private static final String INSERT = "INSERT INTO semantic_cache_vectors (partition_hash, answer_key, embedding, "
            + "expires_at) VALUES (?, ?, CAST(? AS vector), ?)";
    private static final String TRIM = """
            DELETE FROM semantic_cache_vectors WHERE partition_hash = ? AND (expires_at <= ? OR id <= (
                SELECT id FROM semantic_cache_vectors WHERE partition_hash = ? ORDER BY id DESC OFFSET ? LIMIT 1))""";

    private final Jdbc jdbc;
    private final Clock clock;

    PgVectorIndex(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<SimilarAnswer> nearest(String partition, float[] unit, double minSimilarity) {
        String vector = literal(unit);
        return jdbc.queryOne(NEAREST, rs -> new SimilarAnswer(rs.getString(1), rs.getDouble(2)),
                vector, partition, clock.millis(), unit.length, vector)
                .filter(found -> found.similarity() >= minSimilarity);
    }

    @Override
    public void add(String partition, float[] unit, String answerKey, Duration ttl, int maxEntries) {
        long now = clock.millis();
        jdbc.inTransaction(tx -> {
            tx.update(INSERT, partition, answerKey, literal(unit), now + ttl.toMillis());
            return tx.update(TRIM, partition, now, partition, maxEntries);
        });
    }

    /** pgvector's text form, {@code [0.1,0.2,...]}. */
    private static String literal(float[] v) {
        StringBuilder out = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            out.append(i == 0 ? "" : ",").append(v[i]);
        }
        return out.append(']').toString();
    }

    @Override
    public String describe() {
        return "in PostgreSQL (pgvector)";
    }

    @Override
    public void close() {
        // the database is the gateway's, closed with it
    }
}
