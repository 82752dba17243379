package io.keyroute.testkit.openai;

import io.keyroute.testkit.replies.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FakeOpenAiErrorsTest {

    static final String KEY = "sk-good-key-000000000000";
    static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    FakeOpenAi fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.builder().apiKeys(KEY, "sk-second-key-111111111").start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void wrongKeyIs401InvalidApiKeyWithTheKeyMasked() throws Exception {
        HttpResponse<String> res = Http.send(Http.post(fake, "/chat/completions", "sk-wrongkey123456789wxyz", CHAT));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"Incorrect API key provided: sk-wro**************wxyz."
                + " You can find your API key at https://platform.openai.com/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    @Test
    void missingKeyIs401WithNullCode() throws Exception {
        HttpResponse<String> res = Http.send(Http.post(fake, "/chat/completions", null, CHAT));
        assertThat(res.statusCode()).isEqualTo(401);
        var error = Http.json(res.body()).get("error");
        assertThat(error.get("message").asText()).startsWith("You didn't provide an API key.");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").isNull()).isTrue();
    }

    @Test
    void everyConfiguredKeyIsAcceptedAndAuthFailuresDoNotConsumeTheScript() throws Exception {
        fake.enqueue(Reply.text("scripted"));
        assertThat(Http.send(Http.post(fake, "/chat/completions", "sk-nope-nope-nope", CHAT)).statusCode())
                .isEqualTo(401);
        HttpResponse<String> ok = Http.send(Http.post(fake, "/chat/completions", "sk-second-key-111111111", CHAT));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"content\":\"scripted\"");
    }

    @Test
    void scriptedErrorCarriesRetryAfterAndIsConsumedOnce() throws Exception {
        fake.enqueue(Reply.error(503, "overloaded").header("retry-after", "1"));

        HttpResponse<String> first = Http.send(Http.post(fake, "/chat/completions", KEY, CHAT));
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("retry-after")).hasValue("1");
        assertThat(first.body()).isEqualTo(
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");

        HttpResponse<String> second = Http.send(Http.post(fake, "/chat/completions", KEY, CHAT));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(fake.pendingReplies()).isZero();
    }

    @Test
    void rateLimitedHasOpenAisHeadersAndBody() throws Exception {
        fake.enqueue(Reply.rateLimited("gpt-4o", Duration.ofMillis(1500)));
        HttpResponse<String> res = Http.send(Http.post(fake, "/chat/completions", KEY, CHAT));
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("retry-after")).hasValue("2");
        assertThat(res.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(res.headers().firstValue("x-ratelimit-reset-requests")).hasValue("2s");
        var error = Http.json(res.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("requests");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asText()).startsWith("Rate limit reached for gpt-4o");
    }

    @Test
    void invalidJsonMissingModelAndMissingMessagesAre400() throws Exception {
        HttpResponse<String> badJson = Http.send(Http.post(fake, "/chat/completions", KEY, "{not json"));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(Http.json(badJson.body()).at("/error/message").asText())
                .startsWith("We could not parse the JSON body of your request.");

        HttpResponse<String> noModel = Http.send(Http.post(fake, "/chat/completions", KEY, "{\"messages\":[]}"));
        assertThat(noModel.body()).isEqualTo("{\"error\":{\"message\":\"you must provide a model parameter\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");

        HttpResponse<String> noMessages = Http.send(Http.post(fake, "/chat/completions", KEY, "{\"model\":\"gpt-4o\"}"));
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(noMessages.body()).isEqualTo("{\"error\":{\"message\":\"Missing required parameter: 'messages'.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"missing_required_parameter\"}}");
    }

    @Test
    void unknownModelIs404WhenModelsAreEnforced() throws Exception {
        try (FakeOpenAi strict = FakeOpenAi.builder().apiKey(KEY).models("gpt-4o").rejectUnknownModels(true).start()) {
            HttpResponse<String> res = Http.send(Http.post(strict, "/chat/completions", KEY,
                    CHAT.replace("gpt-4o", "gpt-9")));
            assertThat(res.statusCode()).isEqualTo(404);
            assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not "
                    + "have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");
            assertThat(Http.send(Http.post(strict, "/chat/completions", KEY, CHAT)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathIsInvalidUrl() throws Exception {
        HttpResponse<String> res = Http.send(Http.post(fake, "/nope", KEY, "{}"));
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(Http.json(res.body()).at("/error/message").asText()).isEqualTo("Invalid URL (POST /v1/nope)");
    }

    @Test
    void rawReplyIsSentVerbatim() throws Exception {
        fake.enqueue(Reply.raw(502, "text/html", "<html>Bad gateway</html>"));
        HttpResponse<String> res = Http.send(Http.post(fake, "/chat/completions", KEY, CHAT));
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/html");
        assertThat(res.body()).isEqualTo("<html>Bad gateway</html>");
    }
}
