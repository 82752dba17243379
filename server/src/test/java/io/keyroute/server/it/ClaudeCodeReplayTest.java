package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the request Claude Code sends for a turn (its Anthropic SDK's beta client: {@code POST
 * /v1/messages?beta=true}, {@code Authorization: Bearer}, its betas, a session id; a body with the
 * system prompt as blocks marked {@code cache_control}, its tool definitions, {@code thinking} with
 * a budget, {@code metadata.user_id}, {@code stream: true}), after counting the same prompt with
 * {@code count_tokens} as it does before a long turn, under the model ids it sends by default,
 * mapped by {@code aliases:} to Anthropic and to OpenAI. Checks what reaches each upstream, the
 * stream Claude Code reads, and the ledger: cache reads and writes at their own prices, read from
 * Anthropic's {@code message_start} (the {@code message_delta} carries only output tokens).
 */
class ClaudeCodeReplayTest {
    private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "fine-grained-tool-streaming-2025-05-14";
    private static final String TOOLS = """
            [{"name":"Bash","description":"Executes a given bash command in a persistent shell session.",
              "input_schema":{"type":"object","properties":{"command":{"type":"string"},
                "timeout":{"type":"number"}},"required":["command"],"additionalProperties":false,
                "$schema":"http://json-schema.org/draft-07/schema#"}},
             {"name":"Read","description":"Reads a file from the local filesystem.",
              "input_schema":{"type":"object","properties":{"file_path":{"type":"string"},
                "offset":{"type":"number"},"limit":{"type":"number"}},"required":["file_path"]}},
             {"name":"Edit","description":"Performs exact string replacements in files.",
              "input_schema":{"type":"object","properties":{"file_path":{"type":"string"},
                "old_string":{"type":"string"},"new_string":{"type":"string"}},
                "required":["file_path","old_string","new_string"]},"cache_control":{"type":"ephemeral"}}]""";
    private static final String TURN = """
            {"model":"%s","max_tokens":32000,"temperature":1,
             "thinking":{"type":"enabled","budget_tokens":31999},
             "system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.",
                        "cache_control":{"type":"ephemeral"}},
                       {"type":"text","text":"You are an interactive CLI tool that helps users with software engineering tasks.",
                        "cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[
                {"type":"text","text":"<system-reminder>This is a reminder that your todo list is empty.</system-reminder>"},
                {"type":"text","text":"fix the failing test","cache_control":{"type":"ephemeral"}}]}],
             "tools":%s,
             "metadata":{"user_id":"user_5f1c_account__session_0d1f2e3a"},
             "stream":true}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.with(TestGateway.openAiAndAnthropic(openai.baseUrl(), anthropic.baseUrl(), List.of(),
                List.of(), Map.of("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4-5",
                        "claude-haiku-4-5-20251001", "openai/gpt-4.1")),
                Caller.unrestricted("key_dev", "user_dev"));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openai.close();
    }

    /** Claude Code's count before a turn: the turn's prompt without max_tokens, temperature, metadata or stream. */
    private HttpResponse<String> count(String model) throws Exception {
        var body = (ObjectNode) Json.MAPPER.readTree(
                TURN.formatted(model, TOOLS));
        body.remove(List.of("max_tokens", "temperature", "metadata", "stream"));
        return send("/messages/count_tokens?beta=true", body.toString());
    }

    private HttpResponse<String> turn(String model) throws Exception {
        return send("/messages?beta=true", TURN.formatted(model, TOOLS));
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("anthropic-version", "2023-06-01").header("anthropic-beta", BETAS)
                .header("x-app", "cli").header("x-claude-code-session-id", "0d1f2e3a-session")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onAnthropicTheTurnPassesAsSentAndCacheTokensAreBilledAtTheirPrices() throws Exception {
        anthropic.enqueue(Reply.text("Fixed the assertion.").thinking("The test expects 3.", "c2lnLWFiYw==")
                .usage(12_000, 200, 8_000, 0).cacheWrites(3_000, 0));

        HttpResponse<String> counted = count("claude-sonnet-4-5-20250929");
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(counted.headers().firstValue("x-keyroute-token-count")).hasValue("provider");
        assertThat(anthropic.lastRequest().path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(anthropic.lastRequest().json().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(anthropic.lastRequest().json().path("tools")).hasSize(3);

        HttpResponse<String> res = turn("claude-sonnet-4-5-20250929");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_start", "\"cache_read_input_tokens\":8000",
                "\"type\":\"signature_delta\"", "\"signature\":\"c2lnLWFiYw==\"", "Fixed", "event: message_stop");
        JsonNode sent = anthropic.lastRequest().json();
        assertThat(anthropic.lastRequest().header("anthropic-beta")).isEqualTo(BETAS);
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("system").get(1).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(sent.path("tools").get(2).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(sent.path("thinking").path("budget_tokens").asInt()).isEqualTo(31_999);
        assertThat(sent.path("metadata").path("user_id").asText()).isEqualTo("user_5f1c_account__session_0d1f2e3a");

        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(keyroute.records).as("a count is no request of the ledger").hasSize(1);
        assertThat(record.usage().cachedTokens()).isEqualTo(8_000);
        assertThat(record.usage().cacheWriteTokens()).isEqualTo(3_000);
        assertThat(record.usage().completionTokens()).isEqualTo(200);
        // 1,000 × $3 + 8,000 read × $0.30 + 3,000 written × $3.75 + 200 out × $15, per million.
        assertThat(record.costMicros()).isEqualTo(3_000L + 2_400L + 11_250L + 3_000L);
    }

    @Test
    void onOpenAiTheTurnIsTranslatedWithoutTheBetasAndItsCachedTokensAreBilledAsRead() throws Exception {
        openai.enqueue(Reply.text("Fixed the assertion.").usage(12_000, 200, 8_000, 0));

        HttpResponse<String> counted = count("claude-haiku-4-5-20251001");
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(counted.headers().firstValue("x-keyroute-token-count")).hasValue("tokenizer");
        assertThat(Json.MAPPER.readTree(counted.body()).path("input_tokens").asLong()).isPositive();
        assertThat(openai.requests()).as("OpenAI counts no chat body").isEmpty();

        HttpResponse<String> res = turn("claude-haiku-4-5-20251001");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_start", "\"type\":\"text_delta\"", "Fixed",
                "event: message_stop");
        JsonNode sent = openai.lastRequest().json();
        assertThat(openai.lastRequest().header("anthropic-beta")).isNull();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).toString()).contains("You are Claude Code");
        assertThat(sent.path("tools")).hasSize(3);
        assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("Bash");
        assertThat(sent.has("reasoning_effort")).as("gpt-4.1 does not reason: no effort for a budget").isFalse();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        String cacheKey = sent.path("prompt_cache_key").asText();
        assertThat(cacheKey).as("the session, hashed").matches("kr-[0-9a-f]{32}").doesNotContain("0d1f2e3a");

        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.provider()).isEqualTo("openai");
        assertThat(record.usage().cachedTokens()).isEqualTo(8_000);
        // 4,000 × $2 + 8,000 cached × $0.50 + 200 out × $8, per million.
        assertThat(record.costMicros()).isEqualTo(8_000L + 4_000L + 1_600L);

        openai.enqueue(Reply.text("Done.").usage(12_100, 20, 11_000, 0));
        assertThat(turn("claude-haiku-4-5-20251001").statusCode()).isEqualTo(200);
        assertThat(openai.lastRequest().json().path("prompt_cache_key").asText())
                .as("the next turn of the session goes under the same key").isEqualTo(cacheKey);
    }
}
