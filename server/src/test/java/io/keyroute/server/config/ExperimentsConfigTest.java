package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code experiments:} section's checks: names, routes, arms and weights, every problem with its path. */
class ExperimentsConfigTest {
    private static final String PROVIDERS = """
            providers:
              - { id: openai, type: openai, api_key: sk-test }
              - { id: anthropic, type: anthropic, api_key: sk-ant-test }
            routes:
              - { name: auto, candidates: [openai/gpt-4o-mini] }
              - { name: code, candidates: [anthropic/claude-sonnet-4-5] }
            """;

    private static KeyrouteConfig load(String yaml) {
        return new ConfigLoader(Map.of()).load(PROVIDERS + yaml, "keyroute.yaml");
    }

    @Test
    void aValidExperimentLoads() {
        KeyrouteConfig config = load("""
                experiments:
                  - name: mini-vs-haiku
                    route: auto
                    arms: [{ model: openai/gpt-4o-mini, weight: 90 }, { model: anthropic/claude-haiku-4-5, weight: 10 }]
                """);
        assertThat(config.experiments()).singleElement().satisfies(e -> {
            assertThat(e.route()).isEqualTo("auto");
            assertThat(e.arms()).extracting(ExperimentSettings.Arm::weight).containsExactly(90, 10);
        });
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> load("""
                experiments:
                  - name: ab
                    route: nowhere
                    arms: [{ model: openai/gpt-4o-mini, weight: 0 }, { model: openai/gpt-4o-mini, weight: -1 }]
                  - name: ab
                    route: auto
                    arms: [{ model: mistral/large, weight: 1 }]
                  - name: "bad name/"
                    route: auto
                    arms: [{ model: auto, weight: 1 }, { model: anthropic/claude-haiku-4-5 }]
                """))
                .hasMessageContaining("experiments[0].route: 'nowhere' is not a route")
                .hasMessageContaining("experiments[0].arms[0].weight: must be in 1..1000000")
                .hasMessageContaining("experiments[0].arms[1].model: 'openai/gpt-4o-mini' is an earlier arm's model")
                .hasMessageContaining("experiments[0].arms[1].weight: must be in 1..1000000")
                .hasMessageContaining("experiments[1].name: 'ab' is used by an earlier experiment")
                .hasMessageContaining("experiments[1].arms: must list 2 to 20 arms")
                .hasMessageContaining("experiments[1].arms[0].model: provider 'mistral' is not configured")
                .hasMessageContaining("experiments[2].name: is required")
                .hasMessageContaining("experiments[2].route: 'auto' is split by an earlier experiment")
                .hasMessageContaining("experiments[2].arms[0].model: 'auto' is not provider/model")
                .hasMessageContaining("experiments[2].arms[1].weight: must be in 1..1000000");
    }
}
