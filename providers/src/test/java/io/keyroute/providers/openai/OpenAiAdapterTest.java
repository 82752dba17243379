package io.keyroute.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.Usage;
import io.keyroute.api.WireFormat;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.http.ProviderErrors;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest {
    private static final URI OPENAI = URI.create("https://api.openai.com/v1");
    private static final Credential KEY = new Credential("cred-1", Secret.of("sk-test-0123456789abcdef"));

    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));

    private static ChatRequest request(String json) {
        return OpenAiChatRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode tree(byte[] json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void onlyModelIsRewrittenAndUnknownFieldsSurvive() throws Exception {
        String json = """
                {"model":"fast","messages":[{"role":"user","content":[{"type":"text","text":"hi"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}]}],
                 "temperature":0.2,"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","strict":true}},
                 "x_future_field":{"nested":[1,2.5,"three",null,true]},"seed":42,"user":"u-1"}""";
        ChatRequest request = request(json);
        JsonNode before = request.body().deepCopy();

        UpstreamRequest upstream = adapter.toUpstream(request, "gpt-4o-mini", OPENAI, KEY);

        ObjectNode expected = (ObjectNode) tree(json);
        expected.put("model", "gpt-4o-mini");
        assertThat(tree(upstream.body())).isEqualTo(expected);
        assertThat(upstream.stream()).isFalse();
        assertThat(request.body()).as("the caller's body is not mutated").isEqualTo(before);
    }

    @Test
    void streamWithoutIncludeUsageAsksForUsageAndKeepsOtherStreamOptions() throws Exception {
        String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,"
                + "\"stream_options\":{\"continuous_usage_stats\":false,\"include_obfuscation\":true}}";
        ChatRequest request = request(json);
        JsonNode before = request.body().deepCopy();

        UpstreamRequest upstream = adapter.toUpstream(request, "gpt-4o", OPENAI, KEY);

        ObjectNode expected = (ObjectNode) tree(json);
        expected.put("model", "gpt-4o");
        ((ObjectNode) expected.get("stream_options")).put("include_usage", true);
        assertThat(tree(upstream.body())).isEqualTo(expected);
        assertThat(upstream.stream()).isTrue();
        assertThat(request.body()).as("the caller's stream_options are not mutated").isEqualTo(before);
        assertThat(request.body().get("stream_options").has("include_usage")).isFalse();
    }

    @Test
    void streamWithoutStreamOptionsGetsThem() throws Exception {
        ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}");

        JsonNode body = tree(adapter.toUpstream(request, "gpt-4o", OPENAI, KEY).body());

        assertThat(body.get("stream_options")).isEqualTo(tree("{\"include_usage\":true}"));
    }

    @Test
    void streamWhereCallerAskedForUsageIsUnchangedButForModel() throws Exception {
        String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}";

        JsonNode body = tree(adapter.toUpstream(request(json), "gpt-4o", OPENAI, KEY).body());

        ObjectNode expected = (ObjectNode) tree(json);
        expected.put("model", "gpt-4o");
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void nonStreamingRequestGetsNoStreamOptions() throws Exception {
        JsonNode body = tree(adapter.toUpstream(
                request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "x", OPENAI, KEY).body());

        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void headers() {
        ChatRequest plain = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        ChatRequest streaming = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}");

        assertThat(adapter.toUpstream(plain, "x", OPENAI, KEY).headers()).isEqualTo(Map.of(
                "Authorization", "Bearer sk-test-0123456789abcdef",
                "Content-Type", "application/json",
                "Accept", "application/json"));
        assertThat(adapter.toUpstream(streaming, "x", OPENAI, KEY).headers())
                .containsEntry("Accept", "text/event-stream");
    }

    @Test
    void urlKeepsAPortAndDeeperPath() {
        assertThat(OpenAiApi.resolve(URI.create("http://localhost:11434/openai/v1"), "chat/completions"))
                .isEqualTo(URI.create("http://localhost:11434/openai/v1/chat/completions"));
    }

    @Test
    void fromUpstreamPassesTheBodyThroughAndReadsUsage() {
        byte[] body = """
                {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,
                 "message":{"role":"assistant","content":"hi","tool_calls":[{"function":{"arguments":"{\\"usage\\":{\\"prompt_tokens\\":999}}"}}]},
                 "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,
                  "prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":12}},
                 "system_fingerprint":"fp"}""".getBytes(StandardCharsets.UTF_8);
        byte[] copy = body.clone();

        ChatResult result = adapter.fromUpstream(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), body);

        assertThat(result.body()).isEqualTo(copy);
        assertThat(result.usage()).isEqualTo(new Usage(120, 30, 64, 12));
    }

    @Test
    void fromUpstreamReadsDeepSeekCacheHits() {
        byte[] body = ("{\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":7,"
                + "\"prompt_cache_hit_tokens\":80,\"prompt_cache_miss_tokens\":20}}").getBytes(StandardCharsets.UTF_8);

        assertThat(adapter.fromUpstream(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), body).usage())
                .isEqualTo(new Usage(100, 7, 80, 0));
    }

    @Test
    void fromUpstreamWithoutUsageIsNone() {
        byte[] body = "{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(adapter.fromUpstream(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), body).usage())
                .isEqualTo(Usage.NONE);
    }

    @Test
    void anAnthropicCallerIsTranslated() throws Exception {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                "{\"model\":\"m\",\"max_tokens\":50,\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        ChatRequest anthropic = new ChatRequest(WireFormat.ANTHROPIC_MESSAGES, body, "m", false, true);

        var sent = Json.MAPPER.readTree(adapter.toUpstream(anthropic, "gpt-4o-mini", OPENAI, KEY).body());

        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("hi");
    }

    /** OpenAI's own server: what {@code type: openai} wires. */
    private final OpenAiAdapter openAi = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()),
            new io.keyroute.providers.translate.Translation(Clock.systemUTC()), true);
    private static final String CONVERSATION = "kr-0123456789abcdef0123456789abcdef";

    @Test
    void aTranslatedConversationGoesToOpenAiUnderItsPromptCacheKey() throws Exception {
        var body = (ObjectNode) Json.MAPPER.readTree(
                "{\"model\":\"m\",\"max_tokens\":50,\"system\":[{\"type\":\"text\",\"text\":\"be brief\","
                        + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        ChatRequest anthropic = new ChatRequest(WireFormat.ANTHROPIC_MESSAGES, body, "m", false, true)
                .withPromptCacheKey(CONVERSATION);

        JsonNode sent = tree(openAi.toUpstream(anthropic, "gpt-4.1", OPENAI, KEY).body());
        JsonNode toCompatible = tree(adapter.toUpstream(anthropic, "deepseek-chat", OPENAI, KEY).body());

        assertThat(sent.path("prompt_cache_key").asText()).isEqualTo(CONVERSATION);
        assertThat(sent.toString()).as("cache_control has no Chat Completions equivalent").doesNotContain("cache_control");
        assertThat(toCompatible.has("prompt_cache_key")).as("a compatible server may refuse the field").isFalse();
    }

    @Test
    void aPassedThroughChatGetsTheKeySplicedInAndACallersOwnKeyIsKept() throws Exception {
        String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}";
        String own = "{\"model\":\"m\",\"prompt_cache_key\":\"mine\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        String spliced = new String(openAi.toUpstream(request(json).withPromptCacheKey(CONVERSATION), "gpt-4.1", OPENAI, KEY)
                .body(), StandardCharsets.UTF_8);
        byte[] kept = openAi.toUpstream(request(own).withPromptCacheKey(CONVERSATION), "gpt-4.1", OPENAI, KEY).body();
        JsonNode noSession = tree(openAi.toUpstream(request(json), "gpt-4.1", OPENAI, KEY).body());

        assertThat(spliced).isEqualTo("{\"stream_options\":{\"include_usage\":true},\"prompt_cache_key\":\""
                + CONVERSATION + "\"," + json.substring(1).replace("\"m\"", "\"gpt-4.1\""));
        assertThat(new String(kept, StandardCharsets.UTF_8)).isEqualTo(own.replace("\"m\"", "\"gpt-4.1\""));
        assertThat(noSession.has("prompt_cache_key")).isFalse();
    }

    @Test
    void tenThousandBaseUrlsLeaveTheEndpointCacheBoundedAndEachRequestAtItsOwn() {
        ChatRequest chat = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        for (int i = 0; i < 10_000; i++) {
            URI base = URI.create("https://tenant-" + i + ".example.com/v1");
            assertThat(adapter.toUpstream(chat, "m", base, KEY).uri())
                    .isEqualTo(URI.create("https://tenant-" + i + ".example.com/v1/chat/completions"));
        }

        assertThat(adapter.cachedEndpoints()).isLessThanOrEqualTo(OpenAiAdapter.MAX_ENDPOINTS);
    }
}
