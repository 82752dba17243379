package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListPage;
import com.anthropic.models.models.ModelListParams;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claude Code's model names and model discovery through Keyroute: {@code aliases:} map the names it
 * sends by default ({@code claude-sonnet-4-5}, a dated haiku) to any route or model, {@code GET /v1/models}
 * answers the official Anthropic SDK in Anthropic's shape (OpenAI's without {@code anthropic-version}),
 * and a route offers a request with tools only its tool-capable models. Providers {@code openai} and
 * {@code anthropic} at their fakes; {@code openai/plain-1} is a model without tools.
 */
class ClaudeCodeModelsTest {
    private static final String BETAS = "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14";
    private static final String TOOL = "{\"name\":\"Read\",\"description\":\"Read a file\",\"input_schema\":"
            + "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}},\"required\":[\"file_path\"]}}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.with(config(), Caller.unrestricted("key_test", "user_test"));
    }

    private KeyrouteConfig config() {
        return TestGateway.openAiAndAnthropic(openai.baseUrl(), anthropic.baseUrl(),
                List.of(new ModelSettings("openai/plain-1", 0.1, 0.2, null, null, null, 128_000, 4_096, "budget",
                        List.of("streaming"))),
                List.of(new RouteSettings("code", "fallback", List.of("openai/plain-1", "anthropic/claude-haiku-4-5"),
                        List.of(), Map.of())),
                Map.of("claude-sonnet-4-5", "code", "claude-haiku-4-5-20251001", "anthropic/claude-haiku-4-5",
                        "claude-opus-4-1", "openai/gpt-4.1"));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openai.close();
    }

    private HttpResponse<String> get(String path, boolean anthropicVersion) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + path)).GET();
        if (anthropicVersion) {
            request.header("x-api-key", TestGateway.KEYROUTE_KEY).header("anthropic-version", "2023-06-01");
        } else {
            request.header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Messages request as Claude Code sends it: x-api-key, anthropic-version, its betas. */
    private HttpResponse<String> messages(String model, boolean tools) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":256,"
                + (tools ? "\"tools\":[" + TOOL + "]," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"read README.md\"}]}";
        return http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/messages"))
                .header("x-api-key", TestGateway.KEYROUTE_KEY).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", BETAS).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAnthropicSdkListsRoutesAliasesAndModelsInAnthropicsShape() {
        AnthropicClient client = keyroute.anthropicSdk();

        ModelListPage page = client.models().list(ModelListParams.builder().limit(1_000).build());
        List<String> ids = page.data().stream().map(ModelInfo::validate).map(ModelInfo::id).toList();
        assertThat(ids).startsWith("code", "claude-haiku-4-5-20251001", "claude-opus-4-1", "claude-sonnet-4-5")
                .contains("anthropic/claude-haiku-4-5", "openai/plain-1", "openai/gpt-4.1");
        assertThat(page.hasMore()).hasValue(false);
        assertThat(page.firstId()).hasValue("code");
        assertThat(page.lastId()).hasValue(ids.getLast());
        assertThat(page.data().getFirst().lifecycle()).isEqualTo(ModelInfo.Lifecycle.ACTIVE);
        ModelInfo sonnet = client.models().retrieve("claude-sonnet-4-5");
        assertThat(sonnet.id()).isEqualTo("claude-sonnet-4-5");
        assertThat(sonnet.displayName()).isEqualTo("claude-sonnet-4-5");
        assertThat(sonnet.createdAt()).isBefore(OffsetDateTime.now().plusMinutes(1));
    }

    @Test
    void theAnthropicSdkPagesTheListTwentyAtATimeByDefaultAndByItsCursors() throws Exception {
        AnthropicClient client = keyroute.anthropicSdk();
        List<String> all = client.models().list(ModelListParams.builder().limit(1_000).build()).data().stream()
                .map(ModelInfo::id).toList();
        assertThat(all).hasSizeGreaterThan(20);

        ModelListPage first = client.models().list();
        assertThat(first.data()).hasSize(20);
        assertThat(first.hasMore()).hasValue(true);
        List<String> paged = new ArrayList<>();
        client.models().list(ModelListParams.builder().limit(3).build()).autoPager()
                .forEach(model -> paged.add(model.id()));
        assertThat(paged).as("after_id = last_id until has_more is false").isEqualTo(all);

        ModelListPage before = client.models().list(ModelListParams.builder().limit(2).beforeId(all.get(3)).build());
        assertThat(before.data()).extracting(ModelInfo::id).containsExactly(all.get(1), all.get(2));
        assertThat(before.hasMore()).as("all.get(0) lies before the page").hasValue(true);
        assertThat(before.firstId()).hasValue(all.get(1));
        assertThat(before.lastId()).hasValue(all.get(2));

        HttpResponse<String> tooMany = get("/models?limit=1001", true);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(tooMany.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/message").asText()).contains("limit");
        HttpResponse<String> unknownCursor = get("/models?after_id=claude-3-opus-20240229", true);
        assertThat(unknownCursor.statusCode()).isEqualTo(400);
        assertThat(unknownCursor.body()).contains("after_id");

        JsonNode openAiShaped = Json.MAPPER.readTree(get("/models?limit=2", false).body());
        assertThat(openAiShaped.path("data")).as("OpenAI's list does not page").hasSize(all.size());
    }

    @Test
    void withoutAnthropicVersionTheListIsOpenAisAndOneModelIsServedInEitherShape() throws Exception {
        JsonNode list = Json.MAPPER.readTree(get("/models", false).body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").get(1).path("id").asText()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(list.path("data").get(1).path("object").asText()).isEqualTo("model");
        assertThat(list.path("data").get(1).path("owned_by").asText()).isEqualTo("keyroute");
        assertThat(list.has("has_more")).isFalse();

        JsonNode slashed = Json.MAPPER.readTree(get("/models/anthropic/claude-haiku-4-5", true).body());
        assertThat(slashed.path("type").asText()).isEqualTo("model");
        assertThat(slashed.path("id").asText()).isEqualTo("anthropic/claude-haiku-4-5");
        JsonNode openAiShaped = Json.MAPPER.readTree(get("/models/claude-opus-4-1", false).body());
        assertThat(openAiShaped.path("owned_by").asText()).isEqualTo("keyroute");

        HttpResponse<String> unknown = get("/models/claude-3-opus-20240229", true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
        HttpResponse<String> hostile = get("/models/" + "a".repeat(300), false);
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(hostile.body()).contains("invalid_model").doesNotContain("a".repeat(257));
    }

    @Test
    void claudeCodesDefaultNamesReachTheModelsTheirAliasesName() throws Exception {
        HttpResponse<String> haiku = messages("claude-haiku-4-5-20251001", false);
        assertThat(haiku.statusCode()).as(haiku.body()).isEqualTo(200);
        assertThat(anthropic.lastRequest().json().path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(anthropic.lastRequest().header("anthropic-beta")).as("byte for byte").isEqualTo(BETAS);
        assertThat(haiku.headers().firstValue("x-keyroute-route-reason").orElseThrow())
                .startsWith("'claude-haiku-4-5-20251001' is an alias of anthropic/claude-haiku-4-5");

        HttpResponse<String> opus = messages("claude-opus-4-1", false);
        assertThat(opus.statusCode()).as(opus.body()).isEqualTo(200);
        assertThat(openai.lastRequest().json().path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(openai.lastRequest().header("anthropic-beta")).as("no OpenAI equivalent: dropped").isNull();
        assertThat(Json.MAPPER.readTree(opus.body()).path("type").asText()).isEqualTo("message");
    }

    @Test
    void aRouteOffersARequestWithToolsOnlyItsToolCapableModels() throws Exception {
        HttpResponse<String> plain = messages("claude-sonnet-4-5", false);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(plain.headers().firstValue("x-keyroute-provider")).hasValue("openai");

        HttpResponse<String> withTools = messages("claude-sonnet-4-5", true);
        assertThat(withTools.statusCode()).as(withTools.body()).isEqualTo(200);
        assertThat(withTools.headers().firstValue("x-keyroute-provider")).hasValue("anthropic");
        assertThat(withTools.headers().firstValue("x-keyroute-route-reason").orElseThrow())
                .contains("skipped openai/plain-1");
        assertThat(anthropic.lastRequest().json().path("tools").get(0).path("name").asText()).isEqualTo("Read");
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void aKeyAllowedARouteMayUseItsAliasesAndNoOtherAlias() throws Exception {
        keyroute.close();
        keyroute = TestGateway.with(config(), new Caller("key_code", "user_code", "ws_1", "team", Set.of("code"), false));

        JsonNode list = Json.MAPPER.readTree(get("/models", true).body());
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).containsExactly("code", "claude-sonnet-4-5");

        assertThat(messages("claude-sonnet-4-5", false).statusCode()).isEqualTo(200);
        HttpResponse<String> opus = messages("claude-opus-4-1", false);
        assertThat(opus.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(opus.body()).path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void betasSentOnTwoHeaderLinesReachAnthropicAsOneCommaSeparatedLine() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/messages"))
                .header("x-api-key", TestGateway.KEYROUTE_KEY).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14")
                .header("anthropic-beta", "context-1m-2025-08-07").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-haiku-4-5-20251001\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(anthropic.lastRequest().headers().get("anthropic-beta"))
                .containsExactly("interleaved-thinking-2025-05-14,context-1m-2025-08-07");
    }
}
