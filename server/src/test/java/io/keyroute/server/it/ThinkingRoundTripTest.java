package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStreamEvent;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extended thinking through Keyroute: a Codex-style Responses tool loop (openai-java
 * {@code responses()}, {@code store: false}, {@code include: reasoning.encrypted_content}) served by
 * Anthropic, whose second turn must carry the signed thinking block back before the tool_use
 * (FakeAnthropic refuses the turn otherwise, as Anthropic does); a malformed reasoning item; and the
 * Anthropic pass-through, which hands thinking blocks on as the caller and the provider wrote them.
 */
class ThinkingRoundTripTest {
    private static final String SONNET = "anthropic/claude-sonnet-4-5";
    private static final String THOUGHT = "The user wants Paris's weather; get_weather answers that — café-level detail.";
    private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/=";

    private FakeAnthropic anthropic;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.inFrontOf("http://127.0.0.1:9", anthropic.baseUrl());
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
    }

    /** A turn as Codex sends it: high effort, a summary, not stored, the encrypted reasoning asked for. */
    private static ResponseCreateParams.Builder codexTurn() {
        return ResponseCreateParams.builder().model(SONNET).store(false)
                .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).summary(Reasoning.Summary.AUTO).build())
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).addTool(ResponsesEndpointTest.weatherTool());
    }

    private static ResponseInputItem question() {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content("Weather in Paris?").build());
    }

    /** The second turn: the question, the reasoning item and call as received, and the call's output. */
    private Response secondTurn(ResponseReasoningItem reasoning, ResponseFunctionToolCall call) {
        return client.responses().create(codexTurn().inputOfResponse(List.of(question(),
                ResponseInputItem.ofReasoning(reasoning), ResponseInputItem.ofFunctionCall(call),
                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                        .callId(call.callId()).output("{\"sky\":\"sunny\"}").build()))).build()).validate();
    }

    /** Anthropic's thinking block exactly as it wrote it (type, thinking, signature). */
    private static String thinkingBlock() {
        return "{\"type\":\"thinking\",\"thinking\":\"" + THOUGHT + "\",\"signature\":\"" + SIGNATURE + "\"}";
    }

    private void assertTheSignedBlockWentBackBeforeTheToolUse() {
        assertThat(anthropic.requests()).hasSize(2);
        String sent = anthropic.lastRequest().bodyText();
        assertThat(sent).contains(thinkingBlock() + ",{\"type\":\"tool_use\",\"id\":\"toolu_paris\"");
        JsonNode body = anthropic.lastRequest().json();
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(24_576);
    }

    @Test
    void aResponsesToolLoopOnAnthropicSendsTheSignedThinkingBlockBack() {
        anthropic.enqueue(Reply.toolCalls(new ToolCall("toolu_paris", "get_weather", "{\"city\":\"Paris\"}"))
                .thinking(THOUGHT, SIGNATURE), Reply.text("Sunny in Paris."));

        Response first = client.responses().create(codexTurn().inputOfResponse(List.of(question())).build()).validate();

        JsonNode asked = anthropic.lastRequest().json();
        assertThat(asked.path("thinking").path("budget_tokens").asInt()).isEqualTo(24_576);
        assertThat(asked.path("max_tokens").asInt()).isEqualTo(4_096 + 24_576);
        ResponseReasoningItem reasoning = first.output().getFirst().reasoning().orElseThrow();
        assertThat(reasoning.summary()).singleElement().extracting(ResponseReasoningItem.Summary::text).isEqualTo(THOUGHT);
        assertThat(reasoning.encryptedContent()).isPresent();
        assertThat(reasoning.encryptedContent().orElseThrow()).doesNotContain(SIGNATURE); // an encoding, not the raw block
        ResponseFunctionToolCall call = first.output().get(1).functionCall().orElseThrow();

        Response second = secondTurn(reasoning, call);

        assertThat(second.output().getLast().message().orElseThrow().content().getFirst().outputText().orElseThrow()
                .text()).isEqualTo("Sunny in Paris.");
        assertTheSignedBlockWentBackBeforeTheToolUse();
    }

    @Test
    void aStreamedReasoningItemCarriesTheSignatureBackToo() {
        anthropic.enqueue(Reply.toolCalls(new ToolCall("toolu_paris", "get_weather", "{\"city\":\"Paris\"}"))
                .thinking(THOUGHT, SIGNATURE), Reply.text("Sunny in Paris."));

        List<ResponseOutputItem> done;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(codexTurn().inputOfResponse(List.of(question())).build())) {
            done = stream.stream().map(ResponseStreamEvent::validate).flatMap(e -> e.outputItemDone().stream())
                    .map(e -> e.item()).toList();
        }
        ResponseReasoningItem reasoning = done.getFirst().reasoning().orElseThrow();
        assertThat(reasoning.summary().getFirst().text()).isEqualTo(THOUGHT);

        secondTurn(reasoning, done.get(1).functionCall().orElseThrow());

        assertTheSignedBlockWentBackBeforeTheToolUse();
    }

    @Test
    void aThinkingToolLoopContinuedByPreviousResponseIdSendsTheKeptSignedBlockBack() throws Exception {
        try (var kept = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = new VaultGateway(TestServices.sqlite(), List.of(new ProviderSettings("anthropic", "anthropic",
                     kept.baseUrl(), TestGateway.ANTHROPIC_KEY, 5_000L, 2_000L, Map.of())))) {
            Team t = Team.create(g);
            OpenAIClient ada = StoredResponsesEndpointTest.sdk(g, t.adaKey());
            kept.enqueue(Reply.toolCalls(new ToolCall("toolu_paris", "get_weather", "{\"city\":\"Paris\"}"))
                    .thinking(THOUGHT, SIGNATURE), Reply.text("Sunny in Paris."));
            ResponseCreateParams.Builder turn = ResponseCreateParams.builder().model(SONNET).maxOutputTokens(8_000)
                    .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build())
                    .addTool(ResponsesEndpointTest.weatherTool());

            Response first = ada.responses().create(turn.input("Weather in Paris?").build());
            assertThat(StoredResponsesEndpointTest.read(g, first.id(), t.adaKey()).status()).isEqualTo(200);
            ada.responses().create(turn.previousResponseId(first.id()).inputOfResponse(List.of(
                    ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                            .callId("toolu_paris").output("sunny").build()))).build());

            assertThat(kept.lastRequest().bodyText()).contains(thinkingBlock() + ",{\"type\":\"tool_use\"");
            // the caller's limit is kept and the budget lowered under it
            assertThat(kept.lastRequest().json().path("thinking").path("budget_tokens").asInt()).isEqualTo(7_999);
        }
    }

    @Test
    void aToolLoopWhoseReasoningItemWasDroppedStillRunsWithoutThinking() {
        anthropic.enqueue(Reply.text("Sunny in Paris."));
        ResponseFunctionToolCall call = ResponseFunctionToolCall.builder().callId("toolu_paris").name("get_weather")
                .arguments("{\"city\":\"Paris\"}").build();

        client.responses().create(codexTurn().inputOfResponse(List.of(question(), ResponseInputItem.ofFunctionCall(call),
                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                        .callId("toolu_paris").output("sunny").build()))).build()).validate();

        // Anthropic refuses thinking on a tool turn without its thinking block: Keyroute leaves thinking off
        assertThat(anthropic.lastRequest().json().has("thinking")).isFalse();
    }

    @Test
    void aReasoningItemKeyrouteDidNotWriteIsA400AndNothingGoesUpstream() throws Exception {
        HttpResponse<String> response = keyroute.post("/responses", "{\"model\":\"" + SONNET + "\",\"input\":["
                + "{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"kr1.not*base64\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = io.keyroute.api.Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_value");
        assertThat(error.path("param").asText()).isEqualTo("input[1].encrypted_content");
        assertThat(anthropic.requests()).isEmpty();
        assertThatThrownBy(() -> client.responses().create(codexTurn().inputOfResponse(List.of(question(),
                ResponseInputItem.ofReasoning(ResponseReasoningItem.builder().id("rs_1").summary(List.of())
                        .encryptedContent("kr1.e30").build()))).build()))
                .isInstanceOf(BadRequestException.class);
        assertThat(anthropic.requests()).isEmpty();
    }

    private static final String PASSED_THROUGH = "{\"model\":\"" + SONNET + "\",\"max_tokens\":30000,"
            + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":20000},%s\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":[" + thinkingBlock() + ","
            + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_paris\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_paris\",\"content\":\"sunny\"}]}]}";

    private static String assistantTurn() {
        String body = PASSED_THROUGH.formatted("");
        return body.substring(body.indexOf("{\"role\":\"assistant\""), body.indexOf(",{\"role\":\"user\",\"content\":[{"));
    }

    @Test
    void anthropicCallersThinkingBlocksReachAnthropicAsSentAndItsAnswerComesBackAsWritten() throws Exception {
        anthropic.enqueue(Reply.text("Sunny.").thinking(THOUGHT, SIGNATURE));

        HttpResponse<String> response = keyroute.post("/messages", PASSED_THROUGH.formatted(""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(anthropic.lastRequest().body(), StandardCharsets.UTF_8)).contains(assistantTurn());
        assertThat(response.body()).contains(thinkingBlock());
    }

    @Test
    void anthropicCallersStreamGetsThinkingAndSignatureDeltasUnchanged() throws Exception {
        anthropic.enqueue(Reply.text("Sunny.").thinking(THOUGHT, SIGNATURE));

        HttpResponse<java.io.InputStream> response = keyroute.postStreaming("/messages",
                PASSED_THROUGH.formatted("\"stream\":true,"));
        String events = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(new String(anthropic.lastRequest().body(), StandardCharsets.UTF_8)).contains(assistantTurn());
        assertThat(events).contains("data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}");
        assertThat(events).contains("data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"signature_delta\",\"signature\":\"" + SIGNATURE + "\"}}");
        assertThat(events).contains("\"type\":\"thinking_delta\",\"thinking\":\"" + THOUGHT.substring(0, 16) + "\"}}");
    }
}
