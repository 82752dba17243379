package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ResponseUsage;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.usage.RequestRecord;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official openai-java SDK's {@code responses()} against Keyroute's {@code POST /v1/responses},
 * served translated by Anthropic and by Gemini (faithful fakes): text, tool calls both ways, JSON
 * schema, streams, exact usage and cost, the usage record, failover, and the 400s for what only
 * OpenAI's own Responses API serves.
 */
class ResponsesEndpointTest {
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    private static final String FLASH = "gemini/gemini-2.5-flash";

    private FakeAnthropic anthropic;
    private FakeGemini gemini;
    private FakeOpenAi compatible;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        gemini = FakeGemini.start(TestGateway.GEMINI_KEY);
        compatible = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        keyroute = TestGateway.with(new KeyrouteConfig(
                new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                                5_000L, 2_000L, Map.of()),
                        new ProviderSettings("gemini", "gemini", gemini.baseUrl(), TestGateway.GEMINI_KEY, 5_000L,
                                2_000L, Map.of()),
                        new ProviderSettings("vllm", "openai-compatible", compatible.baseUrl(), TestGateway.UPSTREAM_KEY,
                                5_000L, 2_000L, Map.of()),
                        new ProviderSettings("local", "mock", null, null, null, null, Map.of())),
                List.of(),
                List.of(new RouteSettings("coder", "fallback", List.of(HAIKU), List.of(FLASH), Map.of())),
                new RetrySettings(1, 1L, 5L), null, null), Caller.unrestricted("key_test", "user_test"));
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        compatible.close();
        gemini.close();
        anthropic.close();
    }

    private static ResponseCreateParams.Builder ask(String model, String text) {
        return ResponseCreateParams.builder().model(model).instructions("Be brief.").input(text).maxOutputTokens(100);
    }

    static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").description("Weather for a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .strict(false).build();
    }

    private static String text(Response response) {
        return response.output().stream().flatMap(item -> item.message().stream())
                .flatMap(m -> m.content().stream()).flatMap(c -> c.outputText().stream())
                .map(t -> t.text()).collect(Collectors.joining());
    }

    private static List<ResponseStreamEvent> events(StreamResponse<ResponseStreamEvent> stream) {
        try (stream) {
            return stream.stream().map(ResponseStreamEvent::validate).toList();
        }
    }

    @Test
    void anthropicAnswersWithExactUsageAndCostAndARecord() {
        // claude-haiku-4-5: $1 in, $5 out per million: 1,000 × 1 + 200 × 5 = 2,000 µ$
        anthropic.enqueue(Reply.text("Hello back").usage(1_000, 200, 0, 0));

        HttpResponseFor<Response> raw = client.responses().withRawResponse().create(ask(HAIKU, "Hello there").build());
        Response response = raw.parse().validate();

        assertThat(response.id()).matches("resp_[0-9a-f]{48}");
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(text(response)).isEqualTo("Hello back");
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(List.of(usage.inputTokens(), usage.outputTokens(), usage.totalTokens()))
                .containsExactly(1_000L, 200L, 1_200L);
        assertThat(raw.headers().values("x-keyroute-cost-usd")).containsExactly("0.002000");
        JsonNode sent = anthropic.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(sent.path("system").toString()).contains("Be brief.");
        assertThat(sent.path("messages").get(0).toString()).contains("Hello there");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.costMicros()).isEqualTo(2_000L);
        assertThat(record.usage().promptTokens()).isEqualTo(1_000);
        assertThat(record.usage().completionTokens()).isEqualTo(200);
        assertThat(record.provider()).isEqualTo("anthropic");
        assertThat(record.requestedModel()).isEqualTo(HAIKU);
        assertThat(record.outcome()).isEqualTo("ok");
        assertThat(record.streamed()).isFalse();
    }

    @Test
    void aFunctionCallGoesOutAndItsOutputComesBackIn() {
        anthropic.enqueue(Reply.toolCalls(new ToolCall("toolu_weather1", "get_weather", "{\"city\":\"Paris\"}")),
                Reply.text("Sunny in Paris."));

        Response first = client.responses().create(ask(HAIKU, "Weather in Paris?").addTool(weatherTool()).build())
                .validate();
        ResponseFunctionToolCall call = first.output().stream().flatMap(item -> item.functionCall().stream())
                .findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("toolu_weather1");
        assertThat(readTree(call.arguments())).isEqualTo(readTree("{\"city\":\"Paris\"}"));
        assertThat(anthropic.lastRequest().json().path("tools").get(0).path("name").asText()).isEqualTo("get_weather");

        Response second = client.responses().create(ResponseCreateParams.builder().model(HAIKU)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER).content("Weather in Paris?").build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("{\"sky\":\"sunny\"}").build())))
                .addTool(weatherTool()).build()).validate();

        assertThat(text(second)).isEqualTo("Sunny in Paris.");
        JsonNode messages = anthropic.lastRequest().json().path("messages");
        JsonNode toolUse = messages.get(1).path("content").get(0);
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asText()).isEqualTo("toolu_weather1");
        JsonNode result = messages.get(2).path("content").get(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_weather1");
        assertThat(result.toString()).contains("sunny");
    }

    @Test
    void geminiStreamsTextWithUsageAndTheRecordIsPriced() {
        // gemini-2.5-flash: $0.30 in, $2.50 out per million: 1,000 × 0.30 + 200 × 2.50 = 800 µ$
        gemini.enqueue(Reply.chunks("Hel", "lo", " world").usage(1_000, 200, 0, 0));

        List<ResponseStreamEvent> events = events(client.responses().createStreaming(ask(FLASH, "Hello").build()));

        assertThat(events.getFirst().created()).isPresent();
        assertThat(events.get(1).inProgress()).isPresent();
        assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining())).isEqualTo("Hello world");
        for (int i = 0; i < events.size(); i++) {
            assertThat(sequenceNumber(events.get(i))).isEqualTo(i);
        }
        var completed = events.getLast().completed().orElseThrow();
        ResponseUsage usage = completed.response().usage().orElseThrow();
        assertThat(List.of(usage.inputTokens(), usage.outputTokens())).containsExactly(1_000L, 200L);
        assertThat(gemini.lastRequest().json().path("systemInstruction").toString()).contains("Be brief.");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.costMicros()).isEqualTo(800L);
        assertThat(record.provider()).isEqualTo("gemini");
        assertThat(record.streamed()).isTrue();
        assertThat(record.outcome()).isEqualTo("ok");
    }

    @Test
    void geminiStreamsAFunctionCallAsArgumentDeltas() {
        gemini.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

        List<ResponseStreamEvent> events = events(client.responses()
                .createStreaming(ask(FLASH, "Weather in Paris?").addTool(weatherTool()).build()));

        String arguments = events.stream().flatMap(e -> e.functionCallArgumentsDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        assertThat(readTree(arguments)).isEqualTo(readTree("{\"city\":\"Paris\"}"));
        var done = events.stream().flatMap(e -> e.outputItemDone().stream()).findFirst().orElseThrow();
        assertThat(done.item().functionCall().orElseThrow().name()).isEqualTo("get_weather");
        assertThat(events.getLast().completed()).isPresent();
        assertThat(gemini.lastRequest().json().path("tools").toString()).contains("get_weather");
    }

    @Test
    void aJsonSchemaReachesGeminiAsItsResponseSchema() {
        gemini.enqueue(Reply.text("{\"city\":\"Paris\"}"));

        Response response = client.responses().create(ask(FLASH, "Where?").text(ResponseTextConfig.builder()
                .format(ResponseFormatTextJsonSchemaConfig.builder().name("place")
                        .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties",
                                        JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build())
                .build()).build()).validate();

        assertThat(text(response)).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode config = gemini.lastRequest().json().path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.toString()).contains("city");
        assertThat(response.text().orElseThrow().format().orElseThrow().jsonSchema()).isPresent();
    }

    @Test
    void anUpstream500FailsOverToTheNextTargetBeforeTheFirstByte() {
        anthropic.enqueue(Reply.serverError());
        gemini.enqueue(Reply.chunks("from", " gemini"));

        List<ResponseStreamEvent> events = events(client.responses().createStreaming(ask("coder", "Hi").build()));

        assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining())).isEqualTo("from gemini");
        assertThat(events.getLast().completed()).isPresent();
        assertThat(anthropic.requests()).hasSize(1);
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.provider()).isEqualTo("gemini");
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.route()).isEqualTo("coder");
    }

    @Test
    void aStreamCutAfterItsFirstBytesEndsInTheSpecsErrorEventNumberedAfterTheOthers() {
        anthropic.enqueue(Reply.chunks("a", "b", "c").cutAfterChunks(4));

        List<ResponseStreamEvent> events = events(client.responses().createStreaming(ask(HAIKU, "x").build()));

        var error = events.getLast().error().orElseThrow();
        assertThat(error.sequenceNumber()).isEqualTo(events.size() - 1);
        assertThat(events.stream().filter(e -> e.error().isPresent())).hasSize(1);
        assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining())).startsWith("a");
        assertThat(keyroute.awaitRecord(1).outcome()).isEqualTo("cut");
    }

    @Test
    void aProvidersErrorEventMidStreamIsTheResponsesFailedEvent() {
        anthropic.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(4, "Overloaded"));

        List<ResponseStreamEvent> events = events(client.responses().createStreaming(ask(HAIKU, "x").build()));

        var failed = events.getLast().failed().orElseThrow();
        assertThat(failed.sequenceNumber()).isEqualTo(events.size() - 1);
        assertThat(failed.response().error().orElseThrow().message()).contains("Overloaded");
        assertThat(events.stream().filter(e -> e.error().isPresent() || e.failed().isPresent())).hasSize(1);
        assertThat(keyroute.awaitRecord(1).outcome()).isEqualTo("cut");
    }

    @Test
    void anOpenAiCompatibleServerAnswersThroughChatCompletionsAndRefusesWhatOnlyOpenAiKeeps() throws Exception {
        compatible.enqueue(Reply.text("Hi from vLLM").usage(30, 4, 0, 0));

        Response response = client.responses().create(ask("vllm/llama-3.1-8b", "Hi").build()).validate();

        assertThat(text(response)).isEqualTo("Hi from vLLM");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(30);
        assertThat(compatible.lastRequest().path()).isEqualTo("/v1/chat/completions");
        JsonNode sent = compatible.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("llama-3.1-8b");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThatThrownBy(() -> client.responses().create(ask("vllm/llama-3.1-8b", "and then?")
                .previousResponseId("resp_0123").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("previous_response_id", "vllm", "openai-compatible"));
        assertThat(compatible.requests()).hasSize(1);
    }

    @Test
    void theMockAnswersWholeAndStreamed() {
        Response whole = client.responses().create(ask("local/mock-1", "hello mock").build()).validate();
        List<ResponseStreamEvent> events = events(client.responses().createStreaming(ask("local/mock-1", "hello mock")
                .build()));

        assertThat(text(whole)).isNotBlank();
        assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining())).isEqualTo(text(whole));
        assertThat(events.getLast().completed()).isPresent();
    }

    @Test
    void anUpstreamKeyQuotedInAnErrorReachesNoResponsesCaller() throws Exception {
        anthropic.enqueue(Reply.chunks("a", "b").errorAfterChunks(4, "key " + TestGateway.ANTHROPIC_KEY + " is overloaded"),
                Reply.error(400, "bad request for key " + TestGateway.ANTHROPIC_KEY));

        String stream = keyroute.post("/responses", "{\"model\":\"" + HAIKU + "\",\"input\":\"x\",\"stream\":true}").body();
        HttpResponse<String> whole = keyroute.post("/responses", "{\"model\":\"" + HAIKU + "\",\"input\":\"x\"}");

        assertThat(stream).contains("event: response.failed", "is overloaded").doesNotContain(TestGateway.ANTHROPIC_KEY);
        assertThat(whole.statusCode()).isEqualTo(400);
        assertThat(whole.body()).contains("bad request for key").doesNotContain(TestGateway.ANTHROPIC_KEY);
    }

    @Test
    void aMalformedRequestIsA400InOpenAisShapeNamingTheField() throws Exception {
        HttpResponse<String> notJson = keyroute.post("/responses", "{\"model\":");
        HttpResponse<String> noInput = keyroute.post("/responses", "{\"model\":\"" + HAIKU + "\"}");
        HttpResponse<String> badFormat = keyroute.post("/responses", "{\"model\":\"" + HAIKU
                + "\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"yaml\"}}}");

        assertThat(List.of(notJson.statusCode(), noInput.statusCode(), badFormat.statusCode()))
                .containsOnly(400);
        for (HttpResponse<String> res : List.of(notJson, noInput, badFormat)) {
            assertThat(Json.MAPPER.readTree(res.body()).path("error").path("type").asText())
                    .isEqualTo("invalid_request_error");
        }
        assertThat(Json.MAPPER.readTree(noInput.body()).path("error").path("param").asText()).isEqualTo("input");
        assertThat(Json.MAPPER.readTree(badFormat.body()).path("error").path("param").asText())
                .isEqualTo("text.format.type");
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void previousResponseIdToANonOpenAiTargetIsA400NamingIt() throws Exception {
        HttpResponse<String> res = keyroute.post("/responses", "{\"model\":\"" + HAIKU
                + "\",\"input\":\"and then?\",\"previous_response_id\":\"resp_0123\"}");

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("previous_response_id");
        assertThat(error.path("message").asText()).contains("not supported yet", "anthropic");
        assertThat(anthropic.requests()).isEmpty();
        assertThatThrownBy(() -> client.responses().create(ask(FLASH, "and then?").previousResponseId("resp_0123")
                .build())).isInstanceOf(BadRequestException.class).hasMessageContaining("previous_response_id");
    }

    @Test
    void aBuiltInToolToAProviderThatCannotRunItIsA400NamingTools() throws Exception {
        HttpResponse<String> res = keyroute.post("/responses", "{\"model\":\"" + FLASH
                + "\",\"input\":\"news?\",\"tools\":[{\"type\":\"web_search\"}]}");

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("tools");
        assertThat(error.path("message").asText()).contains("web_search", "gemini");
        assertThat(gemini.requests()).isEmpty();
    }

    private static long sequenceNumber(ResponseStreamEvent event) {
        return Json.MAPPER.valueToTree(event._json().orElseThrow()).path("sequence_number").asLong(-1);
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
