package io.keyroute.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.api.Secret;
import io.keyroute.api.WireFormat;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AnthropicAdapterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final Credential KEY = new Credential("system:anthropic", Secret.of("sk-ant-test"));
    private final AnthropicAdapter adapter = new AnthropicAdapter(new ProviderErrors(CLOCK), new Translation(CLOCK));

    private static ChatRequest request(WireFormat format, String json) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(json);
        return new ChatRequest(format, body, body.path("model").asText(), body.path("stream").asBoolean(), false);
    }

    /** The URL, key and version headers of a call are checked as sent by AnthropicConformanceTest. */
    @Test
    void aBaseUrlEndingInAVersionGetsMessagesOnce() {
        assertThat(AnthropicApi.messages(URI.create("http://h/v1/"))).isEqualTo(URI.create("http://h/v1/messages"));
    }

    @Test
    void anAnthropicRequestPassesThroughWithModelRewrittenAndMaxTokensEnsured() throws Exception {
        UpstreamRequest up = adapter.toUpstream(request(WireFormat.ANTHROPIC_MESSAGES,
                "{\"model\":\"anthropic/x\",\"top_k\":3,\"custom\":{\"k\":1},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                "claude-x", URI.create("https://api.anthropic.com"), KEY);
        JsonNode body = Json.MAPPER.readTree(up.body());

        assertThat(body.path("model").asText()).isEqualTo("claude-x");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.path("top_k").asInt()).isEqualTo(3);
        assertThat(body.path("custom").path("k").asInt()).isEqualTo(1);
    }

    @Test
    void anAnthropicCallersBytesGoUpstreamAsSentWithOnlyTheModelSplicedIn() {
        String sent = "{ \"model\" : \"anthropic/x\", \"max_tokens\":9000,\"messages\":[{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"caf\\u00e9 \\/ na\u00efve\",\"signature\":\"c2lnbmVk\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"b3BhcXVl\"}]}]}";

        UpstreamRequest up = adapter.toUpstream(AnthropicMessagesRequestReader.read(sent.getBytes(StandardCharsets.UTF_8)),
                "claude-x", URI.create("https://api.anthropic.com"), KEY);

        assertThat(new String(up.body(), StandardCharsets.UTF_8)).isEqualTo(sent.replace("\"anthropic/x\"", "\"claude-x\""));
    }

    /** Claude Code marks its system prompt and tools for caching: both lifetimes reach Anthropic as sent. */
    @Test
    void cacheControlOfBothLifetimesReachesAnthropicByteForByte() {
        String sent = "{\"model\":\"anthropic/x\",\"max_tokens\":1024,\"system\":["
                + "{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}},"
                + "{\"type\":\"text\",\"text\":\"Project notes\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}}],"
                + "\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"},\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        UpstreamRequest up = adapter.toUpstream(AnthropicMessagesRequestReader.read(sent.getBytes(StandardCharsets.UTF_8)),
                "claude-x", URI.create("https://api.anthropic.com"), KEY);

        assertThat(new String(up.body(), StandardCharsets.UTF_8)).isEqualTo(sent.replace("\"anthropic/x\"", "\"claude-x\""));
    }

    @Test
    void unsignedThinkingAnotherProviderWroteNeverReachesAnthropicSignedThinkingDoes() throws Exception {
        UpstreamRequest up = adapter.toUpstream(AnthropicMessagesRequestReader.read(("{\"model\":\"anthropic/x\","
                + "\"max_tokens\":9000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"deepseek's\",\"signature\":\"\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"claude's\",\"signature\":\"c2ln\"},"
                + "{\"type\":\"text\",\"text\":\"Hello\"}]},{\"role\":\"user\",\"content\":\"more\"}]}")
                .getBytes(StandardCharsets.UTF_8)), "claude-x", URI.create("https://api.anthropic.com"), KEY);

        JsonNode assistant = Json.MAPPER.readTree(up.body()).path("messages").get(1).path("content");
        assertThat(assistant.toString()).isEqualTo("[{\"type\":\"thinking\",\"thinking\":\"claude's\",\"signature\":\"c2ln\"},"
                + "{\"type\":\"text\",\"text\":\"Hello\"}]");
    }

    @Test
    void anAnthropicAnswerPassesThroughForAnthropicCallersAndIsTranslatedForOthers() throws Exception {
        byte[] answer = ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":\"max_tokens\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":5,\"output_tokens\":2}}").getBytes(StandardCharsets.UTF_8);

        var same = adapter.fromUpstream(request(WireFormat.ANTHROPIC_MESSAGES, "{\"model\":\"m\"}"), answer);
        var openai = adapter.fromUpstream(request(WireFormat.OPENAI_CHAT, "{\"model\":\"m\"}"), answer);

        assertThat(same.body()).isEqualTo(answer);
        assertThat(same.usage().promptTokens()).isEqualTo(15);
        JsonNode translated = Json.MAPPER.readTree(openai.body());
        assertThat(translated.path("object").asText()).isEqualTo("chat.completion");
        assertThat(translated.path("created").asLong()).isEqualTo(1_700_000_000L);
        assertThat(translated.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(translated.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(5);
    }
}
