package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseUsage;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's objects are read back with the official openai-java SDK's own {@link Response}
 * (its mapper and {@code validate()}, which fails on any required field missing or mistyped), so
 * what the SDK needs to parse a response cannot go missing.
 */
class ResponsesResponseWriterTest {
    private static final long CREATED = 1_741_476_542L;
    private static final String ID = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";

    private static ResponsesRequest request(String json) {
        return ResponsesRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The writer's bytes as a tree, to look into. */
    private static ObjectNode write(CanonicalResponse answer, ResponsesRequest request, String id, long created) {
        return (ObjectNode) JsonFields.parse(ResponsesResponseWriter.write(answer, request, id, created));
    }

    private static Response parsedBySdk(ObjectNode written) throws Exception {
        return ObjectMappers.jsonMapper().readValue(JsonFields.bytes(written), Response.class).validate();
    }

    @Test
    void aTextAnswerIsOneCompletedMessageTheSdkReads() throws Exception {
        CanonicalResponse answer = new CanonicalResponse("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-5",
                List.of(new Part.Text("In a shell, "), new Part.Text("type ls.")), FinishReason.STOP, null,
                new Usage(36, 87, 0, 0));

        ObjectNode written = write(answer, request("{\"model\":\"anthropic/claude-sonnet-4-5\","
                + "\"input\":\"How do I list files?\"}"), ID, CREATED);
        Response response = parsedBySdk(written);

        assertThat(response.id()).isEqualTo(ID);
        assertThat(written.path("object").asText()).isEqualTo("response");
        assertThat(response.createdAt()).isEqualTo(CREATED);
        assertThat(response.status()).hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("completed"));
        assertThat(response.model().asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(response.incompleteDetails()).isEmpty();
        assertThat(response.error()).isEmpty();
        assertThat(response.output()).singleElement().satisfies(item -> {
            assertThat(item.isMessage()).isTrue();
            assertThat(item.asMessage().id()).matches("msg_[0-9a-f]{48}");
            assertThat(item.asMessage().status().asString()).isEqualTo("completed");
            assertThat(item.asMessage().content()).singleElement().satisfies(content -> {
                assertThat(content.asOutputText().text()).isEqualTo("In a shell, type ls.");
                assertThat(content.asOutputText().annotations()).isEmpty();
                assertThat(content.asOutputText().logprobs()).as("required by the spec's OutputTextContent")
                        .hasValueSatisfying(logprobs -> assertThat(logprobs).isEmpty());
            });
        });
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(36);
        assertThat(usage.outputTokens()).isEqualTo(87);
        assertThat(usage.totalTokens()).isEqualTo(123);
        assertThat(usage.inputTokensDetails().cachedTokens()).isZero();
        assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
    }

    @Test
    void toolCallsAreFunctionCallItemsKeepingTheProvidersCallIds() throws Exception {
        CanonicalResponse answer = new CanonicalResponse("id", "gpt-4.1", List.of(
                new Part.Text("Checking both."),
                new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"Paris\"}"),
                new Part.ToolCall(null, "get_time", null)), FinishReason.TOOL_CALLS, null, Usage.NONE);

        Response response = parsedBySdk(write(answer,
                request("{\"model\":\"m\",\"input\":\"x\"}"), ID, CREATED));

        List<ResponseOutputItem> output = response.output();
        assertThat(output).hasSize(3);
        assertThat(output.get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo("Checking both.");
        ResponseFunctionToolCall weather = output.get(1).asFunctionCall();
        assertThat(weather.callId()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(weather.name()).isEqualTo("get_weather");
        assertThat(weather.arguments()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(weather.id()).hasValueSatisfying(id -> assertThat(id).matches("fc_[0-9a-f]{48}"));
        ResponseFunctionToolCall time = output.get(2).asFunctionCall();
        assertThat(time.callId()).as("minted where the provider gave none").matches("call_[0-9a-f]{48}");
        assertThat(time.arguments()).isEqualTo("{}");
        assertThat(response.status().orElseThrow().asString()).isEqualTo("completed");
    }

    @Test
    void callsOfCustomAndLocalShellToolsAreTheirOwnItems() throws Exception {
        CanonicalResponse answer = new CanonicalResponse("id", "m", List.of(
                new Part.ToolCall("toolu_p", "apply_patch", "{\"input\":\"*** Begin Patch\\n\"}"),
                new Part.ToolCall("toolu_s", "local_shell", "{\"command\":[\"pytest\"],\"timeout_ms\":5000}"),
                new Part.ToolCall("toolu_f", "lookup", "{}")), FinishReason.TOOL_CALLS, null, Usage.NONE);

        List<ResponseOutputItem> output = parsedBySdk(write(answer, request("""
                {"model":"m","input":"x","tools":[{"type":"custom","name":"apply_patch"},{"type":"local_shell"},
                 {"type":"function","name":"lookup"}]}"""), ID, CREATED)).output();

        assertThat(output.get(0).asCustomToolCall().input()).isEqualTo("*** Begin Patch\n");
        assertThat(output.get(0).asCustomToolCall().id().orElseThrow()).matches("ctc_[0-9a-f]{48}");
        assertThat(output.get(1).asLocalShellCall().action().command()).containsExactly("pytest");
        assertThat(output.get(1).asLocalShellCall().action().timeoutMs()).contains(5000L);
        assertThat(output.get(1).asLocalShellCall().callId()).isEqualTo("toolu_s");
        assertThat(output.get(2).asFunctionCall().name()).isEqualTo("lookup");
    }

    @Test
    void textAfterAToolCallIsItsOwnMessage() throws Exception {
        CanonicalResponse answer = new CanonicalResponse("id", "m", List.of(new Part.ToolCall("c1", "f", "{}"),
                new Part.Text("done")), FinishReason.STOP, null, Usage.NONE);

        List<ResponseOutputItem> output = parsedBySdk(write(answer,
                request("{\"model\":\"m\",\"input\":\"x\"}"), ID, CREATED)).output();

        assertThat(output).extracting(ResponseOutputItem::isFunctionCall).containsExactly(true, false);
        assertThat(output.get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("done");
    }

    @Test
    void reasoningIsAReasoningItemWithItsTextAsTheSummaryBeforeTheAnswer() throws Exception {
        CanonicalResponse answer = new CanonicalResponse("id", "claude-sonnet-4-5", List.of(
                Part.Reasoning.unsigned("The user wants a list; "), Part.Reasoning.unsigned("ls does it."),
                new Part.Text("Run ls."), Part.Reasoning.unsigned("Then check hidden files."),
                new Part.ToolCall("toolu_1", "shell", "{\"command\":[\"ls\",\"-a\"]}")),
                FinishReason.TOOL_CALLS, null, new Usage(10, 50, 0, 30));

        List<ResponseOutputItem> output = parsedBySdk(write(answer,
                request("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"summary\":\"auto\"}}"), ID, CREATED)).output();

        assertThat(output).extracting(ResponseOutputItem::isReasoning).containsExactly(true, false, true, false);
        assertThat(output.get(0).asReasoning().id()).matches("rs_[0-9a-f]{48}");
        assertThat(output.get(0).asReasoning().summary()).singleElement()
                .satisfies(summary -> assertThat(summary.text()).isEqualTo("The user wants a list; ls does it."));
        assertThat(output.get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("Run ls.");
        assertThat(output.get(2).asReasoning().summary().get(0).text()).isEqualTo("Then check hidden files.");
        assertThat(output.get(3).asFunctionCall().callId()).isEqualTo("toolu_1");
    }

    @Test
    void aLengthStopIsIncompleteForMaxOutputTokensAndAFilterForContentFilter() throws Exception {
        ResponsesRequest req = request("{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":16}");
        Response truncated = parsedBySdk(write(new CanonicalResponse("id", "m",
                List.of(new Part.Text("Once upon a")), FinishReason.LENGTH, null, new Usage(5, 16, 0, 0)), req, ID, CREATED));

        assertThat(truncated.status().orElseThrow().asString()).isEqualTo("incomplete");
        assertThat(truncated.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                .isEqualTo("max_output_tokens");
        assertThat(truncated.output().get(0).asMessage().status().asString()).isEqualTo("incomplete");
        assertThat(truncated.maxOutputTokens()).contains(16L);

        Response filtered = parsedBySdk(write(new CanonicalResponse("id", "m", List.of(),
                FinishReason.CONTENT_FILTER, null, Usage.NONE), req, ID, CREATED));
        assertThat(filtered.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                .isEqualTo("content_filter");
        assertThat(filtered.output()).isEmpty();
    }

    @Test
    void usageCarriesCachedCacheWrittenAndReasoningTokens() throws Exception {
        Usage usage = new Usage(2_000, 300, 1_500, 120, 200, 0);
        ResponseUsage written = parsedBySdk(write(new CanonicalResponse("id", "m",
                List.of(new Part.Text("ok")), FinishReason.STOP, null, usage),
                request("{\"model\":\"m\",\"input\":\"x\"}"), ID, CREATED)).usage().orElseThrow();

        assertThat(written.inputTokens()).isEqualTo(2_000);
        assertThat(written.inputTokensDetails().cachedTokens()).isEqualTo(1_500);
        assertThat(written.inputTokensDetails().cacheWriteTokens()).isEqualTo(200);
        assertThat(written.outputTokens()).isEqualTo(300);
        assertThat(written.outputTokensDetails().reasoningTokens()).isEqualTo(120);
        assertThat(written.totalTokens()).isEqualTo(2_300);
    }

    @Test
    void theRequestsSettingsAreEchoedAsSent() throws Exception {
        String json = """
                {"model":"m","input":"x","instructions":"Be brief.","temperature":0.3,"top_p":0.8,
                 "parallel_tool_calls":false,"tool_choice":{"type":"function","name":"f"},
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":true},{"type":"web_search"}],
                 "text":{"format":{"type":"json_object"}},"metadata":{"team":"a"},"store":false,
                 "previous_response_id":"resp_0","reasoning":{"effort":"low","summary":null},"truncation":"auto",
                 "user":"u1","max_output_tokens":512}""";
        ObjectNode written = write(new CanonicalResponse("id", "m", List.of(),
                FinishReason.STOP, null, Usage.NONE), request(json), ID, CREATED);
        Response response = parsedBySdk(written);
        JsonNode sent = Json.MAPPER.readTree(json);

        for (String field : List.of("instructions", "temperature", "top_p", "parallel_tool_calls", "tool_choice", "tools",
                "text", "metadata", "previous_response_id", "reasoning", "truncation", "user", "max_output_tokens")) {
            assertThat(written.get(field)).as(field).isEqualTo(sent.get(field));
        }
        assertThat(written.path("store").booleanValue()).isFalse();
        assertThat(response.instructions().orElseThrow().asString()).isEqualTo("Be brief.");
        assertThat(response.toolChoice().isFunction()).isTrue();
        assertThat(response.tools()).hasSize(2);
        assertThat(response.temperature()).contains(0.3);
        assertThat(response.parallelToolCalls()).isFalse();
    }

    @Test
    void unsetSettingsGetOpenAisDefaultsOrNull() throws Exception {
        ObjectNode written = write(new CanonicalResponse("id", null, List.of(new Part.Text("hi")),
                FinishReason.STOP, null, Usage.NONE), request("{\"model\":\"openai/gpt-4.1\",\"input\":\"x\"}"), ID, CREATED);
        Response response = parsedBySdk(written);

        assertThat(response.model().asString()).as("the request's model when the provider named none")
                .isEqualTo("openai/gpt-4.1");
        assertThat(response.toolChoice().asOptions().asString()).isEqualTo("auto");
        assertThat(response.tools()).isEmpty();
        assertThat(response.parallelToolCalls()).isTrue();
        assertThat(written.path("store").booleanValue()).isTrue();
        assertThat(written.path("truncation").asText()).isEqualTo("disabled");
        assertThat(written.path("text")).isEqualTo(Json.MAPPER.readTree("{\"format\":{\"type\":\"text\"}}"));
        assertThat(written.path("metadata")).isEqualTo(Json.MAPPER.createObjectNode());
        for (String nullable : List.of("error", "incomplete_details", "instructions", "temperature", "top_p",
                "previous_response_id", "reasoning", "max_output_tokens", "user")) {
            assertThat(written.has(nullable)).as(nullable + " is written").isTrue();
            assertThat(written.get(nullable).isNull()).as(nullable + " is null").isTrue();
        }
    }

    @Test
    void theInProgressEnvelopeIsAResponseTheSdkReads() throws Exception {
        ResponsesRequest req = request("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
        ObjectNode written = (ObjectNode) Json.MAPPER.readTree(
                new ResponseObject(req, ID, CREATED).bytes(StreamedResponse.inProgress("gpt-4.1")));
        Response response = parsedBySdk(written);

        assertThat(response.status().orElseThrow().asString()).isEqualTo("in_progress");
        assertThat(response.output()).isEmpty();
        assertThat(response.usage()).isEmpty();
        assertThat(response.model().isChat()).as("a model name the SDK knows").isTrue();
        assertThat(written.path("model").asText()).isEqualTo("gpt-4.1");
    }
}
