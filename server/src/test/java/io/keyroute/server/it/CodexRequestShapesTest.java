package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request shapes Codex CLI and the OpenAI Agents SDK send to {@code POST /v1/responses}, replayed
 * through Keyroute as docs/CODING_AGENTS.md configures them: each is served (200 and the Responses
 * event stream) or refused with a 400 in OpenAI's error shape naming the field, never a 500. Codex's
 * freeform and local shell tools reach Anthropic as function tools, and its calls of them come back
 * in their own items; a route passes over the targets that cannot run what only OpenAI runs.
 *
 * <p>The fixtures under {@code coding-agents/} are built from the clients' source, not guessed:
 * <ul>
 * <li>Codex CLI (github.com/openai/codex, codex-rs): the body is {@code ResponsesApiRequest} in
 * {@code codex-api/src/common.rs} (model, instructions, input, tools, {@code tool_choice: "auto"},
 * parallel_tool_calls, reasoning {effort, summary}, store, {@code stream: true}, include,
 * prompt_cache_key, text {verbosity, format}); {@code requests/responses.rs} sends {@code store: false}
 * except to Azure; {@code core/src/client.rs} asks {@code include: ["reasoning.encrypted_content"]}
 * whenever it sends {@code reasoning}; the tools are {@code ToolSpec} ({@code function},
 * {@code local_shell}, {@code web_search}, and {@code custom}, the freeform apply_patch with a lark
 * grammar); input items are {@code ResponseItem} (messages with developer and user roles, reasoning
 * with encrypted_content, function_call / function_call_output, custom_tool_call / _output); the
 * headers are {@code originator}, {@code version}, {@code conversation_id} and {@code session_id}
 * ({@code requests/headers.rs}, {@code core/src/model_provider_info.rs}).
 * <li>Agents SDK (github.com/openai/openai-agents-python): {@code OpenAIResponsesModel._fetch_response}
 * in {@code src/agents/models/openai_responses.py} sends instructions, a list input ({@code {content,
 * role}} for a string), {@code include: []}, function tools with {@code strict: true}, and
 * {@code stream: true} from {@code Runner.run_streamed} (left out by {@code Runner.run}).
 * </ul>
 */
class CodexRequestShapesTest {
    private static final String GPT5 = "openai/gpt-5";
    private static final String SONNET = "anthropic/claude-sonnet-4-5";
    private static final String PATCH = "*** Begin Patch\n*** Update File: test_main.py\n-assert foo == 2\n"
            + "+assert foo == 1\n*** End Patch\n";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeOpenAi openAi;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        openAi = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.with(TestGateway.threeProviders(openAi.baseUrl(), anthropic.baseUrl(), "http://127.0.0.1:9",
                List.of(new RouteSettings("codex", "fallback", List.of(SONNET, GPT5), List.of(), Map.of()),
                        new RouteSettings("claude-only", "fallback", List.of(SONNET), List.of(), Map.of()))),
                Caller.unrestricted("key_test", "user_test"));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openAi.close();
    }

    @Test
    void codexTurnPassesThroughToOpenAiWithItsFieldsIntact() {
        openAi.enqueue(Reply.chunks("README.md", " pom.xml"));

        HttpResponse<String> res = replay("codex-turn", GPT5);

        assertServedAsStream(res, "README.md pom.xml");
        JsonNode sent = openAi.lastRequest().json();
        assertThat(openAi.lastRequest().path()).isEqualTo("/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-5");
        assertThat(sent.path("store").asBoolean(true)).isFalse();
        assertThat(sent.path("include").get(0).asText()).isEqualTo("reasoning.encrypted_content");
        assertThat(sent.path("prompt_cache_key").asText()).isEqualTo("0199a5f2-7c1e-7d30-b7a4-3f0c1d2e4a55");
        assertThat(sent.path("reasoning").path("summary").asText()).isEqualTo("auto");
        assertThat(sent.path("text").path("verbosity").asText()).isEqualTo("low");
        assertThat(sent.path("input").get(0).path("role").asText()).isEqualTo("developer");
    }

    @Test
    void codexTurnIsTranslatedForAnthropic() {
        anthropic.enqueue(Reply.chunks("README.md", " pom.xml"));

        HttpResponse<String> res = replay("codex-turn", SONNET);

        assertServedAsStream(res, "README.md pom.xml");
        JsonNode sent = anthropic.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("system").toString()).contains("You are Codex", "Filesystem sandboxing");
        assertThat(sent.path("tools").toString()).contains("\"shell\"", "\"update_plan\"");
    }

    @Test
    void codexToolLoopWithItsEncryptedReasoningPassesThroughToOpenAi() {
        openAi.enqueue(Reply.chunks("Three entries."));

        assertServedAsStream(replay("codex-tool-loop", GPT5), "Three entries.");
        JsonNode input = openAi.lastRequest().json().path("input");
        assertThat(input.get(1).path("encrypted_content").asText()).startsWith("gAAAA");
        assertThat(input.get(3).path("call_id").asText()).isEqualTo("call_ls1");
    }

    @Test
    void codexToolLoopIsTranslatedForAnthropicWithoutTheReasoningOnlyOpenAiCanRead() {
        anthropic.enqueue(Reply.chunks("Three entries."));

        assertServedAsStream(replay("codex-tool-loop", SONNET), "Three entries.");
        JsonNode messages = anthropic.lastRequest().json().path("messages");
        assertThat(messages.get(1).path("content").get(0).path("type").asText()).isEqualTo("tool_use");
        assertThat(messages.get(1).path("content").get(0).path("id").asText()).isEqualTo("call_ls1");
        assertThat(messages.get(2).path("content").get(0).path("tool_use_id").asText()).isEqualTo("call_ls1");
        assertThat(anthropic.lastRequest().bodyText()).doesNotContain("gAAAA");
    }

    @Test
    void codexBuiltInAndFreeformToolsPassThroughToOpenAi() {
        for (String fixture : List.of("codex-apply-patch-freeform", "codex-local-shell", "codex-web-search",
                "codex-custom-tool-history")) {
            openAi.enqueue(Reply.chunks("done"));

            assertServedAsStream(replay(fixture, GPT5), "done");
            assertThat(openAi.lastRequest().bodyText()).as(fixture).isEqualTo(fixture(fixture, "gpt-5"));
        }
    }

    @Test
    void codexFreeformAndLocalShellToolsReachAnthropicAsFunctionTools() {
        anthropic.enqueue(Reply.chunks("On it."));

        assertServedAsStream(replay("codex-local-shell-apply-patch", SONNET), "On it.");
        JsonNode tools = anthropic.lastRequest().json().path("tools");
        assertThat(tools.get(0).path("name").asText()).isEqualTo("local_shell");
        assertThat(tools.get(0).path("input_schema").path("properties").path("command").path("type").asText())
                .isEqualTo("array");
        assertThat(tools.get(1).path("name").asText()).isEqualTo("apply_patch");
        assertThat(tools.get(1).path("input_schema").path("required").toString()).isEqualTo("[\"input\"]");
        assertThat(tools.get(1).path("description").asText())
                .startsWith("Use the `apply_patch` tool to edit files.")
                .contains("lark grammar:\nstart: begin_patch hunk+ end_patch");
    }

    @Test
    void anthropicsCallsOfThemStreamBackAsCustomToolAndLocalShellCalls() {
        anthropic.enqueue(Reply.toolCalls(new ToolCall("toolu_patch1", "apply_patch", Json.MAPPER.createObjectNode()
                        .put("input", PATCH).toString()),
                new ToolCall("toolu_shell1", "local_shell", "{\"command\":[\"pytest\",\"-q\"],\"timeout_ms\":60000}")));

        HttpResponse<String> res = replay("codex-local-shell-apply-patch", SONNET);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> events = events(res.body());
        assertThat(types(events)).containsSubsequence("response.output_item.added",
                "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
                "response.output_item.done", "response.output_item.added", "response.output_item.done",
                "response.completed");
        StringBuilder input = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.custom_tool_call_input.delta"))
                .forEach(e -> input.append(e.path("delta").asText()));
        assertThat(input.toString()).isEqualTo(PATCH);
        JsonNode output = events.getLast().path("response").path("output");
        assertCodexCalls(output);
    }

    @Test
    void anthropicsCallsOfThemComeBackInAWholeResponse() throws IOException {
        anthropic.enqueue(Reply.toolCalls(new ToolCall("toolu_patch1", "apply_patch", Json.MAPPER.createObjectNode()
                        .put("input", PATCH).toString()),
                new ToolCall("toolu_shell1", "local_shell", "{\"command\":[\"pytest\",\"-q\"],\"timeout_ms\":60000}")));

        HttpResponse<String> res = send(fixture("codex-local-shell-apply-patch", SONNET)
                .replace("\"stream\": true", "\"stream\": false"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertCodexCalls(Json.MAPPER.readTree(res.body()).path("output"));
    }

    @Test
    void theirOutputsGoBackToAnthropicAsToolResultsNextTurn() {
        anthropic.enqueue(Reply.chunks("Fixed, 1 passed."));

        assertServedAsStream(replay("codex-local-shell-apply-patch-history", SONNET), "Fixed, 1 passed.");
        JsonNode messages = anthropic.lastRequest().json().path("messages");
        JsonNode patch = messages.get(1).path("content").get(0);
        assertThat(patch.path("type").asText()).isEqualTo("tool_use");
        assertThat(patch.path("name").asText()).isEqualTo("apply_patch");
        assertThat(patch.path("input").path("input").asText()).startsWith("*** Begin Patch\n*** Update File: test_main.py");
        assertThat(messages.get(2).path("content").get(0).path("tool_use_id").asText()).isEqualTo("toolu_patch1");
        JsonNode shell = messages.get(3).path("content").get(0);
        assertThat(shell.path("name").asText()).isEqualTo("local_shell");
        assertThat(shell.path("input").toString())
                .isEqualTo("{\"command\":[\"pytest\",\"-q\"],\"env\":{},\"timeout_ms\":60000,\"working_directory\":\"/repo\"}");
        assertThat(messages.get(4).path("content").get(0).path("tool_use_id").asText()).isEqualTo("toolu_shell1");
    }

    @Test
    void codexFreeformToolHistoryIsServedByAnthropic() {
        anthropic.enqueue(Reply.chunks("Renamed."));

        assertServedAsStream(replay("codex-custom-tool-history", SONNET), "Renamed.");
        assertThat(anthropic.lastRequest().json().path("messages").get(1).path("content").get(0).path("input")
                .path("input").asText()).startsWith("*** Begin Patch");
    }

    @Test
    void aFunctionToolNamedAsTheCustomToolIsA400() {
        String clash = fixture("codex-apply-patch-freeform", SONNET).replace("\"name\": \"shell\"",
                "\"name\": \"apply_patch\"");

        assertRefused(send(clash), "tools[1].name", "apply_patch", "tools[0]");
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void toolsOnlyOpenAiRunsAreA400ForAnthropicAsked() {
        assertRefused(replay("codex-web-search", SONNET), "tools", "web_search", "anthropic");
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void aRouteSkipsTheTargetsThatCannotRunTheToolsAndSaysWhy() {
        openAi.enqueue(Reply.chunks("JUnit 6."));

        HttpResponse<String> res = replay("codex-web-search", "codex");

        assertServedAsStream(res, "JUnit 6.");
        assertThat(anthropic.requests()).isEmpty();
        assertThat(res.headers().firstValue("x-keyroute-provider")).hasValue("openai");
        assertThat(res.headers().firstValue("x-keyroute-route-reason").orElse(""))
                .contains("skipped anthropic/claude-sonnet-4-5 (only OpenAI's Responses API serves the request's "
                        + "web_search tool)");
    }

    @Test
    void aRouteWhoseTargetsCannotRunTheToolsIsA400() {
        assertRefused(replay("codex-web-search", "claude-only"), "model", "claude-only",
                "anthropic/claude-sonnet-4-5 (only OpenAI's Responses API serves the request's web_search tool)");
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void agentsSdkRunStreamedIsServedByOpenAiAndAnthropic() {
        openAi.enqueue(Reply.chunks("Sunny."));
        anthropic.enqueue(Reply.chunks("Sunny."));

        assertServedAsStream(replay("agents-sdk-turn", GPT5), "Sunny.");
        assertServedAsStream(replay("agents-sdk-turn", SONNET), "Sunny.");
        assertThat(anthropic.lastRequest().json().path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
    }

    @Test
    void agentsSdkRunWithoutStreamIsAWholeResponse() throws IOException {
        anthropic.enqueue(Reply.text("Sunny."));
        String body = fixture("agents-sdk-turn", SONNET).replace(",\n  \"stream\": true", "");

        HttpResponse<String> res = send(body);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode response = Json.MAPPER.readTree(res.body());
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("output").toString()).contains("Sunny.");
    }

    /**
     * Codex's model-list probe ({@code ModelsClient::list_models}, codex-api/src/endpoint/models.rs: GET
     * {@code <base_url>/models?client_version=...}); today Codex makes it only for its own backends, not an
     * {@code env_key} provider, and falls back to its built-in model list when the answer is not its own shape.
     */
    @Test
    void codexModelsProbeIsAnswered() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                        URI.create(keyroute.baseUrl() + "/models?client_version=0.63.0"))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("originator", "codex_cli_rs").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(res.body()).path("data").isArray()).isTrue();
    }

    /** The fixture's body for {@code model}, sent with the headers Codex sends. */
    private HttpResponse<String> replay(String fixture, String model) {
        return send(fixture(fixture, model));
    }

    private HttpResponse<String> send(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/responses"))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("originator", "codex_cli_rs")
                .header("version", "0.63.0")
                .header("conversation_id", "0199a5f2-7c1e-7d30-b7a4-3f0c1d2e4a55")
                .header("session_id", "0199a5f2-7c1e-7d30-b7a4-3f0c1d2e4a55")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name, String model) {
        try (InputStream in = CodexRequestShapesTest.class.getResourceAsStream("/coding-agents/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"MODEL\"", "\"" + model + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 200, an SSE stream from response.created to response.completed, sequence numbers without a gap, the text. */
    private static void assertServedAsStream(HttpResponse<String> res, String text) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = events(res.body());
        assertThat(events.getFirst().path("type").asText()).isEqualTo("response.created");
        assertThat(events.getLast().path("type").asText()).isEqualTo("response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt(-1)).as(res.body()).isEqualTo(i);
        }
        StringBuilder deltas = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .forEach(e -> deltas.append(e.path("delta").asText()));
        assertThat(deltas.toString()).isEqualTo(text);
    }

    /** A 400 in OpenAI's error shape whose param names the field and whose message says what and where. */
    private static void assertRefused(HttpResponse<String> res, String param, String... mentions) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode error;
        try {
            error = Json.MAPPER.readTree(res.body()).path("error");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("message").asText()).contains(mentions);
    }

    /** Anthropic's two calls as Codex reads them: its freeform apply_patch's input, its local shell's exec action. */
    private static void assertCodexCalls(JsonNode output) {
        assertThat(output.size()).as(output.toString()).isEqualTo(2);
        JsonNode patch = output.get(0);
        assertThat(patch.path("type").asText()).isEqualTo("custom_tool_call");
        assertThat(patch.path("call_id").asText()).isEqualTo("toolu_patch1");
        assertThat(patch.path("name").asText()).isEqualTo("apply_patch");
        assertThat(patch.path("input").asText()).isEqualTo(PATCH);
        JsonNode shell = output.get(1);
        assertThat(shell.path("type").asText()).isEqualTo("local_shell_call");
        assertThat(shell.path("call_id").asText()).isEqualTo("toolu_shell1");
        assertThat(shell.path("status").asText()).isEqualTo("completed");
        assertThat(shell.path("action").toString())
                .isEqualTo("{\"type\":\"exec\",\"command\":[\"pytest\",\"-q\"],\"env\":{},\"timeout_ms\":60000}");
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    private static List<JsonNode> events(String sse) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                try {
                    events.add(Json.MAPPER.readTree(line.substring("data: ".length())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }
}
