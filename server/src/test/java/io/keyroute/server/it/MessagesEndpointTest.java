package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK against Keyroute's {@code /v1/messages}, served by OpenAI and by Anthropic. */
class MessagesEndpointTest {
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;
    private AnthropicClient client;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.inFrontOf(openai.baseUrl(), anthropic.baseUrl());
        client = keyroute.anthropicSdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openai.close();
    }

    private static MessageCreateParams.Builder ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(100).system("Be brief.").addUserMessage(text);
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Weather for a city")
                .inputSchema(Tool.InputSchema.builder().properties(Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build()).build())
                .build();
    }

    @Test
    void anOpenAiProviderAnswersInAnthropicShape() {
        Message message = client.messages().create(ask("openai/gpt-4o-mini", "Hello there").build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Echo: Hello there");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
        JsonNode sent = openai.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(100);
    }

    @Test
    void anOpenAiStreamBecomesAnthropicsExactEventSequence() throws Exception {
        openai.enqueue(Reply.chunks("Hel", "lo"));
        var response = keyroute.postStreaming("/messages", "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        List<String> names = new ArrayList<>();
        for (String line : new String(response.body().readAllBytes()).split("\n")) {
            if (line.startsWith("event: ")) {
                names.add(line.substring(7));
            }
        }
        assertThat(names).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void aStreamCutAfterItStartedEndsWithAnAnthropicErrorEvent() throws Exception {
        openai.enqueue(Reply.chunks("a", "b", "c").cutAfterChunks(3));
        var response = keyroute.postStreaming("/messages", "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        String body = new String(response.body().readAllBytes());
        assertThat(body).contains("event: content_block_delta").doesNotContain("message_stop");
        assertThat(body.strip()).contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\"");
    }

    @Test
    void theSdkAccumulatesAStreamFromOpenAi() {
        openai.enqueue(Reply.chunks("Hel", "lo", " world"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                ask("openai/gpt-4o-mini", "Hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hello world");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void toolUseRoundTripsThroughAnOpenAiProvider() {
        openai.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        MessageCreateParams first = ask("openai/gpt-4o-mini", "Weather in Paris?").addTool(weatherTool()).build();
        Message message = client.messages().create(first);

        ToolUseBlock toolUse = message.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(openai.lastRequest().json().path("tools").get(0).path("function").path("name").asText())
                .isEqualTo("get_weather");

        client.messages().create(first.toBuilder().addMessage(message.toParam())
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("18C").build())))
                .build());
        JsonNode messages = openai.lastRequest().json().path("messages");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo(toolUse.id());
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo(toolUse.id());
        assertThat(messages.get(3).path("content").asText()).isEqualTo("18C");
    }

    @Test
    void streamedToolCallsFromOpenAiAccumulateIntoToolUse() {
        openai.enqueue(Reply.toolCalls(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_2", "get_weather", "{\"city\":\"Tokyo\"}")));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                ask("openai/gpt-4o-mini", "Weather?").addTool(weatherTool()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        List<ToolUseBlock> calls = accumulator.message().content().stream().flatMap(b -> b.toolUse().stream()).toList();
        assertThat(calls).extracting(ToolUseBlock::id).containsExactly("call_1", "call_2");
        assertThat(calls.get(1)._input().convert(Map.class)).isEqualTo(Map.of("city", "Tokyo"));
        assertThat(accumulator.message().stopReason()).hasValue(StopReason.TOOL_USE);
    }

    @Test
    void anAnthropicProviderPassesThroughWithUnknownFieldsKept() {
        Message message = client.messages().create(ask("anthropic/claude-sonnet-4-5", "Hi")
                .putAdditionalBodyProperty("top_k", JsonValue.from(5))
                .putAdditionalBodyProperty("future_field", JsonValue.from(Map.of("a", 1))).build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Echo: Hi");
        JsonNode sent = anthropic.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("top_k").asInt()).isEqualTo(5);
        assertThat(sent.path("future_field").path("a").asInt()).isEqualTo(1);
        assertThat(sent.path("system").asText()).isEqualTo("Be brief.");
    }

    @Test
    void blocksOnlyAnthropicKnowsPassToAnthropicAndAreRefusedInAnthropicShapeElsewhere() throws Exception {
        String body = "{\"model\":\"%s\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}},"
                + "{\"type\":\"text\",\"text\":\"Summarise\"}]}]}";

        HttpResponse<String> toAnthropic = keyroute.post("/messages", body.formatted("anthropic/claude-sonnet-4-5"));
        HttpResponse<String> toOpenAi = keyroute.post("/messages", body.formatted("openai/gpt-4o-mini"));

        assertThat(toAnthropic.statusCode()).isEqualTo(200);
        assertThat(anthropic.lastRequest().json().path("messages").get(0).path("content").get(0).path("type").asText())
                .isEqualTo("document");
        assertThat(toOpenAi.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(toOpenAi.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("message").asText()).contains("document");
    }

    @Test
    void anthropicBetaHeadersReachAnthropicOnly() throws Exception {
        String body = "{\"model\":\"%s\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String model : List.of("anthropic/claude-sonnet-4-5", "openai/gpt-4o-mini")) {
            http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/messages"))
                    .header("x-api-key", TestGateway.KEYROUTE_KEY).header("anthropic-beta", "context-1m-2025-08-07")
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.formatted(model))).build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(anthropic.lastRequest().header("anthropic-beta")).isEqualTo("context-1m-2025-08-07");
        assertThat(openai.lastRequest().header("anthropic-beta")).isNull();
    }

    @Test
    void anAnthropicStreamPassesThroughAndIsCounted() {
        anthropic.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                ask("anthropic/claude-sonnet-4-5", "Weather?").addTool(weatherTool()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ContentBlock block = accumulator.message().content().getFirst();
        assertThat(block.toolUse().orElseThrow()._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(keyroute.awaitRecord(1).usage().completionTokens()).isEqualTo(10);
        assertThat(keyroute.awaitRecord(1).outcome()).isEqualTo("ok");
    }

    @Test
    void errorsAreInAnthropicsShape() throws Exception {
        var bad = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + keyroute.gateway.port()).apiKey("kr-wrong").maxRetries(0).build();
        assertThatThrownBy(() -> bad.messages().create(ask("openai/gpt-4o-mini", "Hi").build()))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client.messages().create(ask("nope/unknown", "Hi").build()))
                .isInstanceOf(NotFoundException.class);

        HttpResponse<String> raw = keyroute.post("/messages", "{\"model\":\"nope/x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        JsonNode body = Json.MAPPER.readTree(raw.body());
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
        assertThat(body.path("error").path("message").asText()).contains("nope/x");
    }

    @Test
    void theKeyMayComeInXApiKeyOrBearerWithAnyVersion() throws Exception {
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> viaApiKey = http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/messages"))
                .header("x-api-key", TestGateway.KEYROUTE_KEY).header("anthropic-version", "2099-01-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> viaBearer = keyroute.post("/messages", body);

        assertThat(viaApiKey.statusCode()).isEqualTo(200);
        assertThat(viaBearer.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(viaBearer.body()).path("type").asText()).isEqualTo("message");
    }

    @Test
    void anUpstreamFailureIsReportedInAnthropicShapeWithTheProvidersMessage() throws Exception {
        openai.enqueue(Reply.error(400, "Invalid 'messages[0].content': too long"));

        HttpResponse<String> raw = keyroute.post("/messages", "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        JsonNode body = Json.MAPPER.readTree(raw.body());
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).contains("too long");
    }
}
