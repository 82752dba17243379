package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Model names are at most 256 characters of {@code A-Z a-z 0-9 . _ : / @ + -}: anything else is a
 * 400 {@code invalid_model} in the endpoint's shape and nothing reaches any upstream; Gemini's model
 * is one percent-encoded path segment, so no name reaches another API method with the operator's key.
 */
class ModelNameRulesTest {
    /** As long as the test gateway's 64 KiB body limit allows (the real limit is 32 MiB). */
    private static final String HUGE = "openai/" + "a".repeat(60 * 1024);
    private static final List<String> HOSTILE = List.of(HUGE, "openai/gpt-4o-mini?x=1", "gemini/gemini-2.5-flash#x",
            "gemini/x?key=" + "AIza" + "SyStolenKey0123456789abcdefghijk", "openai/gpt 4o", "openai/gpt%2F4o",
            "openai/\\u0000", "openai/" + "b".repeat(250));
    private static final String HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

    @AutoClose
    private final ThreeUpstreams upstreams = new ThreeUpstreams();
    private final TestGateway keyroute = upstreams.keyroute;

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":5,\"messages\":" + HI + "}";
    }

    private void nothingWasSentUpstream() {
        assertThat(upstreams.openai.requestCount()).isZero();
        assertThat(upstreams.anthropic.requests()).isEmpty();
        assertThat(upstreams.gemini.requests()).isEmpty();
    }

    @Test
    void chatCompletionsAnswerInOpenAisShape() throws Exception {
        for (String model : HOSTILE) {
            HttpResponse<String> res = keyroute.post("/chat/completions", chat(model));

            JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
            assertThat(res.statusCode()).as(model.substring(0, Math.min(40, model.length()))).isEqualTo(400);
            assertThat(error.path("code").asText()).isEqualTo("invalid_model");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("param").asText()).isEqualTo("model");
            assertThat(res.body()).doesNotContain("aaaaaaaa", "AIza", "key=");
        }
        nothingWasSentUpstream();
        // Refused before the request is recorded with its model: no stored row, log line or label carries it.
        assertThat(keyroute.awaitRecords(HOSTILE.size())).allSatisfy(r -> assertThat(r.requestedModel()).isNull());
    }

    @Test
    void messagesAnswerInAnthropicsShape() throws Exception {
        for (String model : HOSTILE) {
            HttpResponse<String> res = keyroute.post("/messages", chat(model));

            JsonNode root = Json.MAPPER.readTree(res.body());
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(root.path("type").asText()).isEqualTo("error");
            assertThat(root.path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(root.path("error").path("message").asText()).contains("not a valid model name");
        }
        nothingWasSentUpstream();
    }

    @Test
    void embeddingsAreRefusedToo() throws Exception {
        for (String model : HOSTILE) {
            HttpResponse<String> res = keyroute.post("/embeddings", "{\"model\":\"" + model + "\",\"input\":\"hi\"}");

            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(res.body()).path("error").path("code").asText()).isEqualTo("invalid_model");
        }
        nothingWasSentUpstream();
    }

    @Test
    void routeExplainAndPricingEstimateAnswerInTheManagementShape() throws Exception {
        for (String model : HOSTILE) {
            for (HttpResponse<String> res : List.of(keyroute.call("POST", "/api/v1/route/explain", chat(model)),
                    keyroute.call("POST", "/api/v1/pricing/estimate", chat(model)))) {
                JsonNode root = Json.MAPPER.readTree(res.body());
                assertThat(res.statusCode()).isEqualTo(400);
                assertThat(root.fieldNames()).toIterable().containsExactly("error");
                assertThat(root.path("error").path("code").asText()).isEqualTo("invalid_model");
            }
        }
    }

    @Test
    void geminiPathAndMethodTricksNeverReachTheFake() throws Exception {
        for (String model : List.of("gemini/../../v1beta/files", "gemini/models/../cachedContents",
                "gemini/tunedModels/x", "gemini/..", "gemini/models/..", "gemini/gemini-2.5-flash:countTokens",
                "gemini/models/gemini-2.5-flash:batchEmbedContents")) {
            HttpResponse<String> res = keyroute.post("/chat/completions", chat(model));

            assertThat(res.statusCode()).as(model).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(res.body()).path("error").path("code").asText()).isEqualTo("invalid_model");
        }
        nothingWasSentUpstream();

        assertThat(keyroute.post("/chat/completions", chat("gemini/models/gemini-2.5-flash")).statusCode()).isEqualTo(200);
        assertThat(upstreams.gemini.lastRequest().rawPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    }
}
