package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.WireFormat;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Each kind's models probe (was vault's ModelListCheck): a GET of its models list, authenticated
 * as its chat calls are, from the same one place per provider.
 */
class ModelsProbeTest {
    private static final Secret KEY = Secret.of("sk-ant-api03-" + "ProbeProbeProbeProbe0001");

    private static UpstreamRequest probe(String kind, String baseUrl) {
        return ProviderRegistry.builtIn().find(kind).orElseThrow().modelsProbe(URI.create(baseUrl), KEY).orElseThrow();
    }

    @Test
    void openAiAndCompatibleServersListModelsUnderTheBaseUrlWithABearerKey() {
        for (String kind : new String[] {"openai", "openai-compatible"}) {
            UpstreamRequest probe = probe(kind, "http://localhost:11434/openai/v1/");
            assertThat(probe.isGet()).isTrue();
            assertThat(probe.body()).isEmpty();
            assertThat(probe.uri()).hasToString("http://localhost:11434/openai/v1/models");
            assertThat(probe.headers()).containsEntry("Authorization", "Bearer " + KEY.reveal());
        }
    }

    @Test
    void anthropicSendsTheSameKeyHeaderAndApiVersionAsItsMessagesCall() {
        UpstreamRequest probe = probe("anthropic", "https://api.anthropic.com");
        ChatRequest chat = AnthropicMessagesRequestReader.read("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        UpstreamRequest call = ProviderRegistry.builtIn().find("anthropic").orElseThrow().newAdapter(Clock.systemUTC())
                .toUpstream(chat, "m", URI.create("https://api.anthropic.com"), new Credential("c", KEY));

        assertThat(chat.format()).isEqualTo(WireFormat.ANTHROPIC_MESSAGES);
        assertThat(probe.uri()).hasToString("https://api.anthropic.com/v1/models");
        assertThat(probe.headers()).containsEntry("x-api-key", KEY.reveal())
                .containsEntry("anthropic-version", call.headers().get("anthropic-version"));
        assertThat(call.uri()).hasToString("https://api.anthropic.com/v1/messages");
        assertThat(probe("anthropic", "https://proxy.example/v1/").uri()).hasToString("https://proxy.example/v1/models");
    }

    @Test
    void geminiListsModelsUnderItsApiVersion() {
        UpstreamRequest probe = probe("gemini", "https://generativelanguage.googleapis.com");

        assertThat(probe.uri()).hasToString("https://generativelanguage.googleapis.com/v1beta/models");
        assertThat(probe.headers()).containsEntry("x-goog-api-key", KEY.reveal());
        assertThat(probe("gemini", "https://proxy.example/v1beta/").uri()).hasToString("https://proxy.example/v1beta/models");
    }

    @Test
    void theMockHasNothingToAsk() {
        assertThat(ProviderRegistry.builtIn().find("mock").orElseThrow().modelsProbe(URI.create("mock://local"), KEY))
                .isEmpty();
    }
}
