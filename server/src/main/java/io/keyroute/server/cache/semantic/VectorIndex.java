package io.keyroute.server.cache.semantic;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the semantic cache keeps prompts' unit vectors, each with the key of the answer it was answered with, in
 * partitions ({@link SemanticPrompt#partition}): a look-up reads one partition only, so it never sees another
 * workspace's, target's or context's vectors. Each partition holds at most {@code maxEntries}, newest kept.
 */
public interface VectorIndex extends AutoCloseable {
    /** The stored vector most similar to {@code unit} in {@code partition}, if at least {@code minSimilarity}. */
    Optional<SimilarAnswer> nearest(String partition, float[] unit, double minSimilarity);

    /** Keeps {@code unit} for {@code ttl}, dropping the partition's oldest beyond {@code maxEntries}. */
    void add(String partition, float[] unit, String answerKey, Duration ttl, int maxEntries);

    /** Where it keeps vectors, as the start-up log says it ("in this process", "in Redis", "in PostgreSQL (pgvector)"). */
    String describe();

    @Override
    void close();
}
