package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A valid body under the default {@code server.max_request_bytes} (32 MiB) with one 25 MB string (a base64
 * document, longer than Jackson's default limit of 20 M characters) reaches the upstream intact, over
 * real HTTP, passed through (OpenAI) and translated (OpenAI shape in, Anthropic out); a 20 MB PDF
 * document on {@code /v1/messages} (a long session with PDFs) reaches Anthropic byte for byte.
 */
class LargeDocumentTest {
    private static final String BASE64 = "JVBERi0xLjcK" + "QUJD".repeat(25_000_000 / 4);

    private static KeyrouteConfig config(String openAi, String anthropic) {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, null, 2_000L, 256), null, null,
                List.of(new ProviderSettings("openai", "openai", openAi, TestGateway.UPSTREAM_KEY, 30_000L, 2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropic, TestGateway.ANTHROPIC_KEY, 30_000L,
                                2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is in this image?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + BASE64 + "\"}}]}]}";
    }

    @Test
    void aTwentyFiveMegabyteBase64StringReachesEachUpstreamIntact() throws Exception {
        try (var openAi = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
             var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = TestGateway.with(config(openAi.baseUrl(), anthropic.baseUrl()), Caller.unrestricted("key_test", "user_test"))) {
            HttpResponse<String> passed = g.post("/chat/completions", chat("openai/gpt-4o-mini"));
            assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
            JsonNode sent = Json.MAPPER.readTree(openAi.requests().getLast().body());
            assertThat(sent.at("/messages/0/content/1/image_url/url").asText()).isEqualTo("data:image/png;base64," + BASE64);

            HttpResponse<String> translated = g.post("/chat/completions", chat("anthropic/claude-haiku-4-5"));
            assertThat(translated.statusCode()).as(translated.body()).isEqualTo(200);
            JsonNode source = Json.MAPPER.readTree(anthropic.requests().getLast().body()).at("/messages/0/content/1/source");
            assertThat(source.path("media_type").asText()).isEqualTo("image/png");
            assertThat(source.path("data").asText()).isEqualTo(BASE64);
        }
    }

    @Test
    void aTwentyMegabytePdfDocumentOnMessagesReachesAnthropicByteForByte() throws Exception {
        String pdf = "JVBERi0xLjcK" + "QUJD".repeat(20_000_000 / 4);
        String body = "{\"model\":\"anthropic/claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                + "\"data\":\"" + pdf + "\"},\"title\":\"r.pdf\"},{\"type\":\"text\",\"text\":\"Summarise it.\"}]}]}";
        try (var openAi = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
             var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = TestGateway.with(config(openAi.baseUrl(), anthropic.baseUrl()), Caller.unrestricted("key_test", "user_test"))) {
            HttpResponse<String> res = g.post("/messages", body);

            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            String arrived = anthropic.lastRequest().bodyText();
            int at = arrived.indexOf("\"data\":\"") + "\"data\":\"".length();
            assertThat(arrived.substring(at, arrived.indexOf('"', at))).isEqualTo(pdf);
            assertThat(anthropic.lastRequest().body().length).isGreaterThan(20_000_000);
        }
    }
}
