package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code cache:}, {@code experiments:}, {@code mcp:} and {@code a2a:} sections as CONTRACT.md's "Platform
 * config" writes them, their defaults, and that a config copied with new infrastructure or providers keeps them.
 */
class PlatformSectionsTest {
    private static final String CONTRACT_EXAMPLE = """
            cache:
              exact:    { enabled: true, ttl_s: 3600 }
              semantic: { enabled: false, embedding_model: openai/text-embedding-3-small, min_similarity: 0.95, max_turns: 1 }
            experiments:
              - name: haiku-vs-flash
                route: auto
                arms: [{ model: anthropic/claude-3-5-haiku-latest, weight: 50 }, { model: gemini/gemini-2.5-flash, weight: 50 }]
            mcp:
              servers:
                - { id: docs, url: "https://mcp.example.com/mcp" }
            a2a:
              agents:
                - { id: planner, url: "https://agents.example.com/planner" }
            routes:
              - name: faq
                candidates: [openai/gpt-4o-mini]
                cache: { ttl_s: 60, nondeterministic: true, semantic: true }
              - { name: auto, candidates: [anthropic/claude-3-5-haiku-latest] }   # the experiment's route
            """;

    private static KeyrouteConfig load(String yaml) {
        return new ConfigLoader(Map.of()).load(yaml, "keyroute.yaml");
    }

    @Test
    void theContractsExampleReadsAsWritten() {
        KeyrouteConfig config = load(CONTRACT_EXAMPLE);

        assertThat(config.cache().exact()).isEqualTo(new ExactCacheSettings(true, 3600L));
        assertThat(config.cache().semantic())
                .isEqualTo(new SemanticCacheSettings(false, "openai/text-embedding-3-small", 0.95, 1));
        assertThat(config.experiments()).containsExactly(new ExperimentSettings("haiku-vs-flash", "auto", List.of(
                new ExperimentSettings.Arm("anthropic/claude-3-5-haiku-latest", 50),
                new ExperimentSettings.Arm("gemini/gemini-2.5-flash", 50))));
        assertThat(config.mcp().servers()).containsExactly(new McpServerSettings("docs", "https://mcp.example.com/mcp"));
        assertThat(config.a2a().agents())
                .containsExactly(new A2aAgentSettings("planner", "https://agents.example.com/planner"));
        assertThat(config.routes().getFirst().cache()).isEqualTo(new RouteCacheSettings(60L, true, true));
    }

    @Test
    void absentSectionsAreOff() {
        KeyrouteConfig config = load("routes: [{ name: r, candidates: [openai/gpt-4o-mini] }]\n");

        assertThat(config.cache().exact().enabled()).isFalse();
        assertThat(config.cache().semantic().enabled()).isFalse();
        assertThat(config.experiments()).isEmpty();
        assertThat(config.mcp().servers()).isEmpty();
        assertThat(config.a2a().agents()).isEmpty();
        assertThat(config.routes().getFirst().cache()).isEqualTo(RouteCacheSettings.DEFAULT);
    }

    @Test
    void copiesKeepThePlatformSections() {
        KeyrouteConfig config = load(CONTRACT_EXAMPLE);

        for (KeyrouteConfig copy : List.of(
                config.withInfrastructure(config.server(), config.database(), config.redis()),
                config.withProviders(List.of(), List.of()))) {
            assertThat(copy.cache()).isEqualTo(config.cache());
            assertThat(copy.experiments()).isEqualTo(config.experiments());
            assertThat(copy.mcp()).isEqualTo(config.mcp());
            assertThat(copy.a2a()).isEqualTo(config.a2a());
        }
    }
}
