package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI SDK against Keyroute in front of a faithful fake Anthropic: translation both ways. */
class AnthropicUpstreamTest {
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.inFrontOf(openai.baseUrl(), anthropic.baseUrl());
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openai.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String text) {
        return ChatCompletionCreateParams.builder().model("anthropic/claude-sonnet-4-5")
                .addSystemMessage("Be brief.").addUserMessage(text);
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                .description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build()).build();
    }

    @Test
    void aCompletionIsTranslatedToMessagesAndBack() {
        ChatCompletion completion = client.chat().completions().create(ask("Hello there").maxCompletionTokens(64).build());

        assertThat(completion.choices().getFirst().message().content()).hasValue("Echo: Hello there");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        JsonNode sent = anthropic.lastRequest().json();
        assertThat(anthropic.lastRequest().header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo(TestGateway.ANTHROPIC_KEY);
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("system").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("Hello there");
    }

    @Test
    void maxTokensIsAlwaysSent() {
        client.chat().completions().create(ask("Hi").build());

        assertThat(anthropic.lastRequest().json().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void aStreamBecomesOpenAiChunksWithUsageOnTheLastOne() {
        anthropic.enqueue(Reply.chunks("Hel", "lo", " world"));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ask("Hi").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isEqualTo("Hello world");
        assertThat(chunks.getLast().usage()).isPresent();
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(2);
        assertThat(keyroute.awaitRecord(1).usage().completionTokens()).isEqualTo(2);
    }

    @Test
    void toolsAndToolCallsTranslateBothWays() {
        anthropic.enqueue(Reply.toolCalls(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("toolu_2", "get_weather", "{\"city\":\"Tokyo\"}")));
        ChatCompletion completion = client.chat().completions().create(ask("Weather?").addTool(weatherTool()).build());

        var calls = completion.choices().getFirst().message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).asFunction().id()).isEqualTo("toolu_1");
        assertThat(calls.get(1).asFunction().function().arguments()).isEqualTo("{\"city\":\"Tokyo\"}");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        JsonNode tools = anthropic.lastRequest().json().path("tools");
        assertThat(tools.get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(tools.get(0).path("input_schema").path("properties").has("city")).isTrue();
    }

    @Test
    void streamedToolCallsArriveAsArgumentDeltas() {
        anthropic.enqueue(Reply.toolCall("get_weather", "{\"city\":\"San Francisco, CA\"}"));
        StringBuilder args = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<ChatCompletionChunk.Choice.FinishReason> finish = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ask("Weather?").addTool(weatherTool()).build())) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> {
                ch.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> {
                    call.function().flatMap(f -> f.name()).ifPresent(names::add);
                    call.function().flatMap(f -> f.arguments()).ifPresent(args::append);
                }));
                ch.finishReason().ifPresent(finish::add);
            }));
        }

        assertThat(names).containsExactly("get_weather");
        assertThat(args.toString()).isEqualTo("{\"city\":\"San Francisco, CA\"}");
        assertThat(finish).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void imagesBecomeBase64AndUrlSources() {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model("anthropic/claude-sonnet-4-5")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is it?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                                ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64,iVBORw0KGgo=").build()).build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                                ChatCompletionContentPartImage.ImageUrl.builder().url("https://example.com/cat.jpg").build()).build())))
                .build());

        JsonNode content = anthropic.lastRequest().json().path("messages").get(0).path("content");
        assertThat(content.get(1).path("source").path("type").asText()).isEqualTo("base64");
        assertThat(content.get(1).path("source").path("media_type").asText()).isEqualTo("image/png");
        assertThat(content.get(1).path("source").path("data").asText()).isEqualTo("iVBORw0KGgo=");
        assertThat(content.get(2).path("source").path("url").asText()).isEqualTo("https://example.com/cat.jpg");
    }

    @Test
    void anthropicErrorsReachTheCallerInOpenAiShapeWithTheProvidersMessage() {
        anthropic.enqueue(Reply.error(400, "messages: roles must alternate"));

        assertThatThrownBy(() -> client.chat().completions().create(ask("Hi").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e ->
                        assertThat(e.getMessage()).contains("roles must alternate"));
    }

    private static ChatCompletionCreateParams.Builder askForJson() {
        return ask("Give me a").responseFormat(com.openai.models.ResponseFormatJsonSchema.builder()
                .jsonSchema(com.openai.models.ResponseFormatJsonSchema.JsonSchema.builder().name("answer")
                        .schema(com.openai.models.ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("a", Map.of("type", "string"))))
                                .build()).build()).build());
    }

    @Test
    void responseFormatBecomesAForcedToolWhoseInputIsTheAnswer() {
        anthropic.enqueue(Reply.toolCall("json_response", "{\"a\":\"x\"}"));
        ChatCompletion completion = client.chat().completions().create(askForJson().build());

        assertThat(completion.choices().getFirst().message().content()).hasValue("{\"a\":\"x\"}");
        assertThat(completion.choices().getFirst().message().toolCalls()).isEmpty();
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonNode sent = anthropic.lastRequest().json();
        assertThat(sent.path("tool_choice").path("name").asText()).isEqualTo("json_response");
        assertThat(sent.path("tools").get(0).path("input_schema").path("properties").has("a")).isTrue();
    }

    @Test
    void aStreamedJsonAnswerArrivesAsText() {
        anthropic.enqueue(Reply.toolCall("json_response", "{\"a\":\"a longer value\"}"));
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk.Choice.FinishReason> finish = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(askForJson().build())) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> {
                ch.delta().content().ifPresent(text::append);
                assertThat(ch.delta().toolCalls()).isEmpty();
                ch.finishReason().ifPresent(finish::add);
            }));
        }

        assertThat(text.toString()).isEqualTo("{\"a\":\"a longer value\"}");
        assertThat(finish).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void aKeyQuotedInAProviderErrorIsScrubbed() {
        String leaked = "sk-ant-" + "api03-LeakedKeyLeakedKeyLeakedKey0123456789";
        anthropic.enqueue(Reply.error(400, "bad key " + leaked));

        assertThatThrownBy(() -> client.chat().completions().create(ask("Hi").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("bad key").doesNotContain(leaked);
                });
    }

    @Test
    void aMidStreamErrorEventEndsTheStreamWithAnError() throws Exception {
        anthropic.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(4, "Overloaded"));
        var response = keyroute.postStreaming("/chat/completions",
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        String body = new String(response.body().readAllBytes());
        assertThat(body).contains("\"content\":\"a\"").contains("{\"error\":{\"message\":\"Overloaded\"");
        assertThat(body).doesNotContain("[DONE]");
    }
}
