package io.keyroute.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.wire.JsonFields;
import org.junit.jupiter.api.Test;

/** How each Gemini generation is asked to think. */
class GeminiThinkingTest {

    private static String config(Thinking thinking, String model) {
        ObjectNode generationConfig = JsonFields.object();
        GeminiThinking.write(generationConfig, thinking, model);
        return generationConfig.path("thinkingConfig").toString();
    }

    @Test
    void gemini25TakesTheBudgetUpToWhatEveryModelAccepts() {
        assertThat(config(Thinking.ofEffort("medium"), "gemini-2.5-flash"))
                .isEqualTo("{\"thinkingBudget\":8192,\"includeThoughts\":true}");
        assertThat(config(Thinking.ofBudget(60_000), "models/gemini-2.5-pro"))
                .isEqualTo("{\"thinkingBudget\":24576,\"includeThoughts\":true}");
    }

    @Test
    void gemini3AndLaterTakeALevelEveryModelHasOrTheirDefault() {
        assertThat(config(Thinking.ofEffort("low"), "gemini-3-pro-preview"))
                .isEqualTo("{\"thinkingLevel\":\"low\",\"includeThoughts\":true}");
        assertThat(config(Thinking.ofBudget(30_000), "gemini-3.1-pro"))
                .isEqualTo("{\"thinkingLevel\":\"high\",\"includeThoughts\":true}");
        assertThat(config(Thinking.ofEffort("medium"), "gemini-3-flash")).isEqualTo("{\"includeThoughts\":true}");
    }

    @Test
    void noReasoningAskedSendsNothing() {
        assertThat(config(Thinking.ofEffort("none"), "gemini-2.5-flash")).isEqualTo("");
        assertThat(config(null, "gemini-3-pro-preview")).isEqualTo("");
    }
}
