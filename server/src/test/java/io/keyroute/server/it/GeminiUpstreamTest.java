package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI and Anthropic SDKs against Keyroute in front of a faithful fake Gemini. */
class GeminiUpstreamTest {
    private ThreeUpstreams upstreams;
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private FakeGemini gemini;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        upstreams = new ThreeUpstreams();
        openai = upstreams.openai;
        anthropic = upstreams.anthropic;
        gemini = upstreams.gemini;
        keyroute = upstreams.keyroute;
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        upstreams.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String text) {
        return ChatCompletionCreateParams.builder().model("gemini/gemini-2.5-flash")
                .addSystemMessage("Be brief.").addUserMessage(text);
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build()).build();
    }

    @Test
    void aCompletionIsTranslatedToGenerateContentAndBack() {
        ChatCompletion completion = client.chat().completions().create(ask("Hello there").maxCompletionTokens(50)
                .temperature(0.2).build());

        assertThat(completion.choices().getFirst().message().content()).hasValue("Echo: Hello there");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        var request = gemini.lastRequest();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo(TestGateway.GEMINI_KEY);
        JsonNode sent = request.json();
        assertThat(sent.path("systemInstruction").path("parts").get(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("contents").get(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(50);
        assertThat(sent.path("generationConfig").path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void aStreamBecomesOpenAiChunks() {
        gemini.enqueue(Reply.chunks("Hel", "lo", " world"));
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ask("Hi").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));

        assertThat(text.toString()).isEqualTo("Hello world");
        assertThat(gemini.lastRequest().path()).endsWith(":streamGenerateContent");
        assertThat(gemini.lastRequest().query()).contains("alt=sse");
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(2);
        assertThat(keyroute.awaitRecord(1).outcome()).isEqualTo("ok");
    }

    @Test
    void functionCallsGetStableIdsThatMapBackToTheirNames() {
        gemini.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatCompletionCreateParams first = ask("Weather?").addTool(weatherTool()).build();
        ChatCompletion completion = client.chat().completions().create(first);

        ChatCompletionMessageToolCall call = completion.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
        assertThat(call.asFunction().id()).startsWith("call_");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        JsonNode declared = gemini.lastRequest().json().path("tools").get(0).path("functionDeclarations").get(0);
        assertThat(declared.path("name").asText()).isEqualTo("get_weather");
        assertThat(declared.path("parameters").has("additionalProperties")).isFalse();

        client.chat().completions().create(first.toBuilder()
                .addMessage(completion.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.asFunction().id()).content("18C").build())
                .build());
        JsonNode contents = gemini.lastRequest().json().path("contents");
        assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
        assertThat(contents.get(1).path("parts").get(0).path("functionCall").path("args").path("city").asText())
                .isEqualTo("Paris");
        JsonNode response = contents.get(2).path("parts").get(0).path("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("get_weather");
        assertThat(response.path("response").path("output").asText()).isEqualTo("18C");
    }

    @Test
    void responseFormatBecomesResponseMimeTypeAndSchema() {
        client.chat().completions().create(ask("JSON please").responseFormat(ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("answer")
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("a", Map.of("type", "string"))))
                                .build()).build()).build()).build());

        JsonNode config = gemini.lastRequest().json().path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.path("responseSchema").path("properties").has("a")).isTrue();
    }

    @Test
    void geminiErrorsKeepTheirMessage() {
        gemini.enqueue(Reply.error(400, "* GenerateContentRequest.contents[0].parts: must not be empty"));

        assertThatThrownBy(() -> client.chat().completions().create(ask("Hi").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("must not be empty"));
    }

    @Test
    void anAnthropicCallerIsServedByGeminiWithAnthropicsEvents() {
        gemini.enqueue(Reply.chunks("Hi", " there"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream = keyroute.anthropicSdk().messages()
                .createStreaming(MessageCreateParams.builder().model("gemini/gemini-2.5-flash").maxTokens(20)
                        .addUserMessage("Hello").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(accumulator.message().content().getFirst().text().orElseThrow().text()).isEqualTo("Hi there");
        assertThat(accumulator.message().stopReason()).hasValue(StopReason.END_TURN);
    }
}
