package io.keyroute.usage.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Counts against the reference tokenizers. The bare-text counts were checked against js-tiktoken
 * (an independent port of OpenAI's tiktoken); the framed conversation is the OpenAI cookbook's
 * example ("How to count tokens with tiktoken"), whose counts OpenAI's API confirmed there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one registry: loading an encoding takes most of a second
class TokenCountersTest {
    private final TokenCounters counters = new TokenCounters();

    @ParameterizedTest
    @CsvSource({
        "gpt-4o-mini, o200k_base", "gpt-4o-2024-08-06, o200k_base", "gpt-4.1-nano, o200k_base", "gpt-5, o200k_base",
        "gpt-5-mini, o200k_base", "o3, o200k_base", "o4-mini, o200k_base", "openai/gpt-4.1, o200k_base",
        "gpt-4, cl100k_base", "gpt-4-turbo, cl100k_base", "gpt-3.5-turbo-0125, cl100k_base",
        "text-embedding-3-small, cl100k_base"})
    void openAiModelsUseTheirOwnEncoding(String model, String encoding) {
        TokenCount count = counters.forModel(model).count(userSays("Hello world"));
        assertThat(count.exact()).isTrue();
        assertThat(count.kind()).isEqualTo("tokenizer");
        assertThat(count.method()).isEqualTo(encoding);
    }

    @ParameterizedTest
    @CsvSource({"claude-sonnet-4-5", "gemini-2.5-flash", "deepseek-chat", "mock-1", "llama-3.1-70b"})
    void otherFamiliesAreAnO200kApproximation(String model) {
        TokenCount count = counters.forModel(model).count(userSays("Здравствуйте, как у вас дела сегодня?"));
        assertThat(count.exact()).isFalse();
        assertThat(count.kind()).isEqualTo("approximation");
        assertThat(count.method()).isEqualTo("o200k_base");
        assertThat(count.tokens()).isEqualTo(3 + 1 + 8 + 3);
    }

    /** One user message: 3 per message + "user" (1) + the text + 3 for the reply's priming. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "gpt-4      ; Hello world                              ; 2",
        "gpt-4o     ; Hello world                              ; 2",
        "gpt-4      ; Hello, world!                            ; 4",
        "gpt-4      ; Здравствуйте, как у вас дела сегодня?    ; 18",
        "gpt-4o     ; Здравствуйте, как у вас дела сегодня?    ; 8",
        "gpt-4      ; 日本語のテキストを数える                 ; 12",
        "gpt-4o     ; 日本語のテキストを数える                 ; 9",
        "gpt-4o     ; <|endoftext|>                            ; 7"})
    void oneMessageIsItsTextPlusSevenTokensOfFraming(String model, String text, int textTokens) {
        assertThat(counters.forModel(model).count(userSays(text)).tokens()).isEqualTo(textTokens + 7);
    }

    @Test
    void theCookbookConversationCountsWhatOpenAiBilled() {
        Prompt cookbook = OpenAiPrompt.read(json("""
                {"messages": [
                  {"role": "system", "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
                  {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
                  {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
                  {"role": "system", "name": "example_user", "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
                  {"role": "system", "name": "example_assistant", "content": "Let's talk later when we're less busy about how to do better."},
                  {"role": "user", "content": "This late pivot means we don't have time to boil the ocean for the client deliverable."}
                ]}"""));
        assertThat(counters.forModel("gpt-4").count(cookbook).tokens()).isEqualTo(129);
        assertThat(counters.forModel("gpt-4o").count(cookbook).tokens()).isEqualTo(124);
    }

    @Test
    void aNameCostsOneTokenMoreThanItsText() {
        Prompt named = OpenAiPrompt.read(json("{\"messages\":[{\"role\":\"user\",\"name\":\"example_user\",\"content\":\"Hello world\"}]}"));
        // framing 7 + text 2 + name "example_user" 2 + 1 for having a name
        assertThat(counters.forModel("gpt-4o").count(named).tokens()).isEqualTo(12);
    }

    @Test
    void partsToolCallsToolsAndImagesAreCounted() {
        Prompt prompt = OpenAiPrompt.read(json("""
                {"messages": [
                  {"role": "user", "content": [
                    {"type": "text", "text": "Hello world"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
                    {"type": "image_url", "image_url": {"url": "https://example.com/b.png"}}]},
                  {"role": "assistant", "content": null,
                   "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}]}
                 ],
                 "tools": [{"type": "function", "function": {"name": "get_weather"}}]}"""));
        var o200k = counters.forModel("gpt-4o");
        int tool = o200k.count(new Prompt(List.of(), List.of("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")))
                .tokens() - 3;
        int call = o200k.count(new Prompt(List.of(new Prompt.Turn("assistant", null, List.of("get_weather", "{}"), List.of())),
                List.of())).tokens();

        assertThat(prompt.turns().getFirst().images()).containsExactly(ImageDetail.LOW, ImageDetail.AUTO);
        assertThat(o200k.count(prompt).tokens())
                .isEqualTo(3 + 1 + 2 + 85 + 765 + call + tool);
        assertThat(tool).isPositive();
    }

    private static Prompt userSays(String text) {
        return new Prompt(List.of(new Prompt.Turn("user", null, List.of(text), List.of())), List.of());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
