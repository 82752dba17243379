package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cache.semantic} as written, its defaults, and the checks that refuse a config with a bad one. */
class SemanticCacheSettingsTest {
    private static KeyrouteConfig load(String yaml) {
        return new ConfigLoader(Map.of()).load(yaml, "keyroute.yaml");
    }

    @Test
    void everySettingReadsAsWrittenAndTheRestHaveDefaults() {
        SemanticCacheSettings all = load("""
                redis: { url: "redis://127.0.0.1:6379" }
                cache:
                  semantic: { enabled: true, embedding_model: openai/text-embedding-3-small, min_similarity: 0.9,
                              max_turns: 2, with_tools: true, with_images: true, store: redis, max_entries: 500,
                              ttl_s: 600, max_chars: 2000, dimensions: 256 }
                """).cache().semantic();
        SemanticCacheSettings defaults = load("cache: { semantic: { enabled: false } }\n").cache().semantic();

        assertThat(all).isEqualTo(new SemanticCacheSettings(true, "openai/text-embedding-3-small", 0.9, 2, true, true,
                "redis", 500, 600L, 2000, 256));
        assertThat(defaults).isEqualTo(new SemanticCacheSettings(false, null, 0.95, 1, false, false, "memory", 1000,
                3600L, 4000, null));
    }

    @Test
    void badSettingsAreRefusedEachWithItsPath() {
        assertThatThrownBy(() -> load("""
                cache:
                  semantic: { enabled: true, min_similarity: 1.5, max_turns: 0, store: disk, max_entries: 0,
                              ttl_s: 0, max_chars: 100000, dimensions: 0 }
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "keyroute.yaml: cache.semantic.embedding_model: is required when the semantic cache is enabled "
                        + "(e.g. openai/text-embedding-3-small)",
                "keyroute.yaml: cache.semantic.min_similarity: 1.5 is not in (0, 1]",
                "keyroute.yaml: cache.semantic.max_turns: 0 is not in 1..100",
                "keyroute.yaml: cache.semantic.max_entries: 0 is not in 1..100000",
                "keyroute.yaml: cache.semantic.max_chars: 100000 is not in 1..32000",
                "keyroute.yaml: cache.semantic.dimensions: 0 is not in 1..4096",
                "keyroute.yaml: cache.semantic.ttl_s: must be at least 1",
                "keyroute.yaml: cache.semantic.store: 'disk' is not one of memory, redis, postgres"));
        assertThatThrownBy(() -> load("cache: { semantic: { store: redis } }\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "keyroute.yaml: cache.semantic.store: redis needs redis.url"));
    }
}
