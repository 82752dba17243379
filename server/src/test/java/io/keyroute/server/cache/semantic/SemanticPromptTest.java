package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.config.SemanticCacheSettings;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What of a request is embedded, what must be identical, and which requests are never looked up. */
class SemanticPromptTest {
    private static final SemanticCacheSettings ON = new SemanticCacheSettings(true, "openai/text-embedding-3-small",
            0.9, 1);
    private static final SemanticCacheSettings ALL = new SemanticCacheSettings(true, "openai/text-embedding-3-small",
            0.9, 3, true, true, null, null, null, null, null);

    private static Optional<SemanticPrompt> prompt(String json, SemanticCacheSettings settings) {
        return SemanticPrompt.of(Chats.read(json), settings);
    }

    @Test
    void theUserTurnIsEmbeddedCanonicalAndTheSystemPromptIsContext() {
        SemanticPrompt a = prompt("""
                {"model":"faq","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"  What is   the capital\\n of France? "}]}""", ON).orElseThrow();
        SemanticPrompt b = prompt("""
                {"model":"faq","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"What is the capital of France?"}]}""", ON).orElseThrow();
        SemanticPrompt otherSystem = prompt("""
                {"model":"faq","messages":[{"role":"system","content":"Answer in French."},
                 {"role":"user","content":"What is the capital of France?"}]}""", ON).orElseThrow();
        SemanticPrompt otherSampling = prompt("""
                {"model":"faq","max_tokens":5,"messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"What is the capital of France?"}]}""", ON).orElseThrow();

        assertThat(a.text()).isEqualTo("What is the capital of France?");
        assertThat(a).isEqualTo(b);
        assertThat(otherSystem.text()).isEqualTo(a.text());
        assertThat(otherSystem.context()).isNotEqualTo(a.context());
        assertThat(otherSampling.context()).isNotEqualTo(a.context());
        SemanticPrompt streamed = prompt("""
                {"model":"faq","stream":true,"messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"What is the capital of France?"}]}""", ON).orElseThrow();
        assertThat(streamed.context()).isNotEqualTo(a.context()); // a hit replays the answer as it was sent
    }

    @Test
    void theApiShapeIsContextToo() {
        ChatRequest anthropic = AnthropicMessagesRequestReader.read("""
                {"model":"faq","max_tokens":100,"messages":[{"role":"user","content":"What is the capital of France?"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        SemanticPrompt openAi = prompt("""
                {"model":"faq","max_tokens":100,"messages":[{"role":"user","content":"What is the capital of France?"}]}""",
                ON).orElseThrow();

        SemanticPrompt read = SemanticPrompt.of(anthropic, ON).orElseThrow();
        assertThat(read.text()).isEqualTo(openAi.text());
        assertThat(read.context()).isNotEqualTo(openAi.context());
    }

    @Test
    void moreUserTurnsThanMaxTurnsAreNotLookedUp() {
        String twoTurns = """
                {"model":"faq","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},
                 {"role":"user","content":"What is the capital of France?"}]}""";

        assertThat(prompt(twoTurns, ON)).isEmpty();
        assertThat(prompt(twoTurns, ALL).orElseThrow().text()).isEqualTo("Hi\nWhat is the capital of France?");
    }

    @Test
    void toolsAndImagesAreNotLookedUpUnlessConfigured() {
        String tools = """
                {"model":"faq","messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}]}""";
        String image = """
                {"model":"faq","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                 {"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]}""";
        String otherImage = image.replace("a.png", "b.png");

        assertThat(prompt(tools, ON)).isEmpty();
        assertThat(prompt(image, ON)).isEmpty();
        assertThat(prompt(tools, ALL)).isPresent();
        assertThat(prompt(image, ALL).orElseThrow().text()).isEqualTo("What is this?");
        assertThat(prompt(otherImage, ALL).orElseThrow().context()).isNotEqualTo(prompt(image, ALL).orElseThrow().context());
    }

    @Test
    void aPromptLongerThanMaxCharsIsNotLookedUpRatherThanCut() {
        var settings = new SemanticCacheSettings(true, "m", 0.9, 1, false, false, null, null, null, 20, null);

        assertThat(SemanticPrompt.of(Chats.user("x".repeat(20)), settings)).isPresent();
        assertThat(SemanticPrompt.of(Chats.user("x".repeat(21)), settings)).isEmpty();
        assertThat(SemanticPrompt.of(Chats.user("   "), settings)).isEmpty();
    }

    @Test
    void aContinuedResponsesConversationIsNotLookedUp() {
        ChatRequest continued = ResponsesRequestReader.read("""
                {"model":"faq","input":"And of Spain?","previous_response_id":"resp_1"}""".getBytes(StandardCharsets.UTF_8)).chat();

        assertThat(SemanticPrompt.of(continued, ON)).isEmpty();
    }

    @Test
    void partitionsDifferByWorkspaceUserAndTarget() {
        SemanticPrompt p = SemanticPrompt.of(Chats.user("What is the capital of France?"), ON).orElseThrow();

        assertThat(p.partition(new CacheScope("ws1", null), "faq"))
                .isEqualTo(p.partition(new CacheScope("ws1", null), "faq"))
                .isNotEqualTo(p.partition(new CacheScope("ws2", null), "faq"))
                .isNotEqualTo(p.partition(new CacheScope("ws1", "u1"), "faq"))
                .isNotEqualTo(p.partition(new CacheScope("ws1", null), "auto"))
                .isNotEqualTo(p.partition(new CacheScope(null, null), "faq"))
                .matches("[0-9a-f]{64}");
        // where one field ends is part of the hash
        assertThat(p.partition(new CacheScope("ab", "c"), "faq")).isNotEqualTo(p.partition(new CacheScope("a", "bc"), "faq"));
    }
}
