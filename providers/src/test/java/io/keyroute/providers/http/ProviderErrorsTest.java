package io.keyroute.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import io.keyroute.api.error.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderErrorsTest {
    private static final Secret SENT = Secret.of("sk-" + "proj-sentKeySentKeySentKey0123456789");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final ProviderErrors errors = new ProviderErrors(CLOCK);

    private static String message(String body) {
        return ProviderErrors.message(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "OpenAI     | {\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}} | You exceeded your current quota.",
            "Anthropic  | {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}} | Overloaded",
            "Gemini     | {\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}} | Resource has been exhausted (e.g. check quota).",
            "error text | {\"error\":\"model 'llama3' not found, try pulling it first\"} | model 'llama3' not found, try pulling it first",
            "message    | {\"message\":\"Invalid token\"} | Invalid token",
            "detail     | {\"detail\":\"Not Found\"} | Not Found",
    })
    void extractsTheProvidersMessage(String shape, String body, String expected) {
        assertThat(message(body)).isEqualTo(expected);
    }

    @Test
    void aSpentQuotaIsToldApartFromARateLimit() {
        byte[] quota = "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] rate = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(errors.fromResponse("openai", 429, h -> null, quota, SENT).quotaExhausted()).isTrue();
        assertThat(errors.fromResponse("openai", 429, h -> null, rate, SENT).quotaExhausted()).isFalse();
        assertThat(errors.fromResponse("deepseek", 402, h -> null, "{\"error\":{\"message\":\"Insufficient Balance\"}}"
                .getBytes(StandardCharsets.UTF_8), SENT).quotaExhausted()).isTrue();
        assertThat(errors.fromResponse("openai", 500, h -> null, quota, SENT).quotaExhausted()).isFalse();
        assertThat(errors.fromResponse("openai", 429, h -> null, "not json".getBytes(StandardCharsets.UTF_8), SENT)
                .quotaExhausted()).isFalse();
    }

    @Test
    void errorMessageWinsOverOtherPlaces() {
        assertThat(message("{\"message\":\"outer\",\"detail\":\"d\",\"error\":{\"message\":\"inner\"}}")).isEqualTo("inner");
    }

    @Test
    void jsonWithoutAKnownMessageIsQuotedAsIs() {
        String body = "{\"detail\":[{\"loc\":[\"body\",\"model\"],\"msg\":\"field required\"}]}";
        assertThat(message(body)).isEqualTo(body);
    }

    @Test
    void nonJsonBodyIsQuotedStripped() {
        assertThat(message("  <html><body>502 Bad Gateway</body></html>\n")).isEqualTo("<html><body>502 Bad Gateway</body></html>");
    }

    @Test
    void longBodyIsShortenedTo500Characters() {
        String body = "x".repeat(499) + "yz" + "q".repeat(2000);
        assertThat(message(body)).isEqualTo("x".repeat(499) + "y…");
    }

    @Test
    void longJsonMessageIsShortenedToo() {
        String text = "a".repeat(800);
        assertThat(message("{\"error\":{\"message\":\"" + text + "\"}}")).isEqualTo("a".repeat(500) + "…");
    }

    @Test
    void emptyBody() {
        assertThat(ProviderErrors.message(new byte[0])).isEqualTo("(empty body)");
        assertThat(ProviderErrors.message(null)).isEqualTo("(empty body)");
    }

    @Test
    void fromResponseCarriesStatusMessageAndRetryAfter() {
        byte[] body = "{\"error\":{\"message\":\"Rate limit reached\"}}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("retry-after", "3");

        UpstreamError e = errors.fromResponse("openai", 429, headers::get, body, SENT);

        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.getMessage()).isEqualTo("openai returned 429: Rate limit reached");
    }

    @Test
    void aKeyInsideTheProvidersMessageIsScrubbed() {
        String key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w";
        byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: " + key
                + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}").getBytes(StandardCharsets.UTF_8);

        UpstreamError e = errors.fromResponse("openai", 401, name -> null, body, SENT);

        assertThat(e.getMessage()).doesNotContain(key).doesNotContain("Ab3dEf6h")
                .startsWith("openai returned 401: Incorrect API key provided: sk-…Uv1w.");
        assertThat(e.credentialRejected()).isTrue();
    }

    @Test
    void theKeySentIsMaskedLiterallyWhateverItsFormatAlsoUrlEncoded() {
        var sent = Secret.of("abc123-customformat-" + "9f8e7d6c5b4a/+x");
        byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: " + sent.reveal() + " (sent as "
                + java.net.URLEncoder.encode(sent.reveal(), StandardCharsets.UTF_8) + ")\"}}").getBytes(StandardCharsets.UTF_8);

        UpstreamError e = errors.fromResponse("custom", 401, name -> null, body, sent);

        assertThat(Secrets.scrub(sent.reveal())).as("no shape the scrubber knows").isEqualTo(sent.reveal());
        assertThat(e.getMessage()).doesNotContain(sent.reveal()).doesNotContain("customformat-9f8e")
                .isEqualTo("custom returned 401: Incorrect API key provided: " + Secrets.mask(sent.reveal())
                        + " (sent as " + Secrets.mask(java.net.URLEncoder.encode(sent.reveal(), StandardCharsets.UTF_8)) + ")");
    }

    @Test
    void aKeyInsideANonJsonBodyIsScrubbed() {
        String key = "AIzaSyA1234567890abcdefghijklmnopqrs";
        byte[] body = ("Bad request: key=" + key + " is not valid").getBytes(StandardCharsets.UTF_8);

        UpstreamError e = errors.fromResponse("gemini", 400, name -> null, body, SENT);

        assertThat(e.getMessage()).doesNotContain(key).doesNotContain("1234567890abcdef");
    }
}
