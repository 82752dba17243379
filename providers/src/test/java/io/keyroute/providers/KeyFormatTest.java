package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind's key shape (was vault's KeyFormat, with its messages): a pasted wrong key is named at once. */
class KeyFormatTest {
    private static final String TAIL = "AbCdEfGhIjKlMnOpQrSt0001";

    private static Optional<String> mismatch(String kind, String key) {
        return ProviderRegistry.builtIn().find(kind).orElseThrow().keyFormat().mismatch(Secret.of(key));
    }

    @Test
    void everyKindWantsEightCharactersWithoutSpaces() {
        for (String kind : ProviderRegistry.builtIn().configNames()) {
            assertThat(mismatch(kind, "")).as(kind).contains("a non-empty key without spaces");
            assertThat(mismatch(kind, "sk-1234")).as(kind).contains("a non-empty key without spaces");
            assertThat(mismatch(kind, "sk-ant-" + TAIL + " x")).as(kind).contains("a non-empty key without spaces");
        }
    }

    @Test
    void openAiKeysStartWithSkAndAreNotAnthropics() {
        assertThat(mismatch("openai", "sk-proj-" + TAIL)).isEmpty();
        assertThat(mismatch("openai", "sk-ant-api03-" + TAIL)).contains("an OpenAI key starting with 'sk-'");
        assertThat(mismatch("openai", "not-a-key-at-all")).contains("an OpenAI key starting with 'sk-'");
    }

    @Test
    void anthropicAndGeminiKeysHaveTheirPrefixes() {
        assertThat(mismatch("anthropic", "sk-ant-api03-" + TAIL)).isEmpty();
        assertThat(mismatch("anthropic", "sk-proj-" + TAIL)).contains("an Anthropic key starting with 'sk-ant-'");
        assertThat(mismatch("gemini", "AIza" + TAIL)).isEmpty();
        assertThat(mismatch("gemini", "sk-" + TAIL)).contains("a Google AI key starting with 'AIza'");
    }

    @Test
    void openAiCompatibleServersAndTheMockTakeAnyKeyShape() {
        for (String key : new String[] {"sk-ant-api03-" + TAIL, "gsk_" + TAIL, "AIza" + TAIL, "ollama-local"}) {
            assertThat(mismatch("openai-compatible", key)).as(key).isEmpty();
            assertThat(mismatch("mock", key)).as(key).isEmpty();
        }
    }
}
