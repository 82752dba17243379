package io.keyroute.server.config;

/**
 * {@code cache.semantic}: a prompt close enough to one answered before answers with that answer; opt-in, here and
 * per route ({@code routes[].cache.semantic: true}), because a similar question is not always the same question
 * (it replays stale answers in conversations and agent loops).
 *
 * @param embeddingModel the embeddings model the prompt is embedded with, through Keyroute's own embeddings path
 * @param minSimilarity  the least cosine similarity a stored prompt must have to answer
 * @param maxTurns       requests with more user turns than this are never looked up
 * @param withTools      whether requests that declare tools (or carry tool calls and results) are looked up
 * @param withImages     whether requests with images or documents are looked up (those must then be identical)
 * @param store          where vectors are kept: {@code memory}, {@code redis} or {@code postgres} (pgvector)
 * @param maxEntries     the most vectors kept for one scope, target and context: what one look-up scans at most
 * @param ttlS           how long a vector is kept, in seconds
 * @param maxChars       the longest user text embedded; a longer prompt is not looked up (never cut)
 * @param dimensions     the embedding's dimensions asked of the model ({@code dimensions}), or null for its own
 */
public record SemanticCacheSettings(Boolean enabled, String embeddingModel, Double minSimilarity, Integer maxTurns,
                                    Boolean withTools, Boolean withImages, String store, Integer maxEntries,
                                    Long ttlS, Integer maxChars, Integer dimensions) {
    public static final SemanticCacheSettings DEFAULT = new SemanticCacheSettings(null, null, null, null);
    public static final String MEMORY = "memory";
    public static final String REDIS = "redis";
    public static final String POSTGRES = "postgres";

    public SemanticCacheSettings {
        enabled = enabled != null && enabled;
        minSimilarity = minSimilarity == null ? 0.95 : minSimilarity;
        maxTurns = maxTurns == null ? 1 : maxTurns;
        withTools = withTools != null && withTools;
        withImages = withImages != null && withImages;
        store = store == null ? MEMORY : store;
        maxEntries = maxEntries == null ? 1000 : maxEntries;
        ttlS = ttlS == null ? 3600L : ttlS;
        maxChars = maxChars == null ? 4000 : maxChars;
    }

    /** The settings CONTRACT.md's example names; the rest at their defaults. */
    public SemanticCacheSettings(Boolean enabled, String embeddingModel, Double minSimilarity, Integer maxTurns) {
        this(enabled, embeddingModel, minSimilarity, maxTurns, null, null, null, null, null, null, null);
    }
}
