package io.keyroute.providers;

import static io.keyroute.providers.ProviderCapability.EMBEDDINGS;
import static io.keyroute.providers.ProviderCapability.STREAM;
import static io.keyroute.providers.ProviderCapability.CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
    private final ProviderRegistry registry = ProviderRegistry.builtIn();

    @Test
    void theBuiltInKindsAreFoundByTheirConfigNames() {
        assertThat(registry.configNames()).containsExactly("openai", "anthropic", "gemini", "openai-compatible", "mock");
        assertThat(registry.find("gemini").orElseThrow().modelPrefix()).contains("models/");
        assertThat(registry.find("openai-compatible").orElseThrow().defaultBaseUrl()).isEmpty();
        assertThat(registry.find("OpenAI")).isEmpty();
        assertThat(registry.find("azure")).isEmpty();
    }

    @Test
    void capabilitiesAreDeclaredPerKind() {
        assertThat(registry.find("anthropic").orElseThrow().capabilities()).doesNotContain(EMBEDDINGS).contains(CHAT);
        assertThat(registry.find("gemini").orElseThrow().capabilities()).contains(EMBEDDINGS);
        assertThat(registry.find("mock").orElseThrow().capabilities()).containsExactlyInAnyOrder(CHAT, STREAM);
        assertThat(registry.find("openai").orElseThrow().capabilities())
                .containsAll(EnumSet.complementOf(EnumSet.of(ProviderCapability.REASONING)))
                .doesNotContain(ProviderCapability.REASONING); // a chat caller's reasoning passes through as it is
        assertThat(registry.find("anthropic").orElseThrow().capabilities()).contains(ProviderCapability.REASONING);
        assertThat(registry.find("gemini").orElseThrow().capabilities()).contains(ProviderCapability.REASONING);
        assertThat(registry.find("openai-compatible").orElseThrow().capabilities())
                .doesNotContain(ProviderCapability.TOKEN_COUNT); // its adapter has no count of its own
    }

    @Test
    void twoKindsWithOneNameAreRefused() {
        ProviderKind openai = registry.find("openai").orElseThrow();
        assertThatThrownBy(() -> new ProviderRegistry(List.of(openai, openai)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
