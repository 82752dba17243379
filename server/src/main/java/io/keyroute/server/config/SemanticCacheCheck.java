package io.keyroute.server.config;

import java.util.List;

/** Checks {@code cache.semantic}: its bounds, its store, and the embeddings model it needs once enabled. */
final class SemanticCacheCheck {
    private static final List<String> STORES = List.of(SemanticCacheSettings.MEMORY, SemanticCacheSettings.REDIS,
            SemanticCacheSettings.POSTGRES);
    private static final int MAX_TURNS = 100;
    private static final int MAX_ENTRIES = 100_000;
    /** Past this a prompt is a document, not a question a paraphrase would repeat; and embeddings models stop near 8k tokens. */
    private static final int MAX_CHARS = 32_000;
    private static final int MAX_DIMENSIONS = 4096;

    private SemanticCacheCheck() {
    }

    static void check(KeyrouteConfig config, ConfigValidator.Problems problems) {
        SemanticCacheSettings s = config.cache().semantic();
        String at = "cache.semantic";
        if (s.enabled() && (s.embeddingModel() == null || s.embeddingModel().isBlank())) {
            problems.add(at + ".embedding_model", "is required when the semantic cache is enabled "
                    + "(e.g. openai/text-embedding-3-small)");
        }
        if (!(s.minSimilarity() > 0 && s.minSimilarity() <= 1)) {
            problems.add(at + ".min_similarity", s.minSimilarity() + " is not in (0, 1]");
        }
        within(at + ".max_turns", s.maxTurns(), MAX_TURNS, problems);
        within(at + ".max_entries", s.maxEntries(), MAX_ENTRIES, problems);
        within(at + ".max_chars", s.maxChars(), MAX_CHARS, problems);
        if (s.dimensions() != null) {
            within(at + ".dimensions", s.dimensions(), MAX_DIMENSIONS, problems);
        }
        if (s.ttlS() <= 0) {
            problems.add(at + ".ttl_s", "must be at least 1");
        }
        ConfigValidator.oneOf(at + ".store", s.store(), STORES, problems);
        if (SemanticCacheSettings.REDIS.equals(s.store()) && (config.redis() == null || config.redis().url() == null)) {
            problems.add(at + ".store", "redis needs redis.url");
        }
    }

    private static void within(String path, int value, int max, ConfigValidator.Problems problems) {
        if (value < 1 || value > max) {
            problems.add(path, value + " is not in 1.." + max);
        }
    }
}
