package io.keyroute.server.config;

/**
 * {@code cache.semantic}: a prompt close enough to one answered before answers with that answer; opt-in.
 *
 * @param embeddingModel the embeddings model the prompt is embedded with, through Keyroute's own embeddings path
 * @param minSimilarity  the least cosine similarity a stored prompt must have to answer
 * @param maxTurns       requests with more user turns than this are never looked up
 */
public record SemanticCacheSettings(Boolean enabled, String embeddingModel, Double minSimilarity, Integer maxTurns) {
    public static final SemanticCacheSettings DEFAULT = new SemanticCacheSettings(null, null, null, null);

    public SemanticCacheSettings {
        enabled = enabled != null && enabled;
        minSimilarity = minSimilarity == null ? 0.95 : minSimilarity;
        maxTurns = maxTurns == null ? 1 : maxTurns;
    }
}
