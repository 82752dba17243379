package io.keyroute.providers.gemini;

import static io.keyroute.providers.CallerRequests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.providers.CallerRequests;
import io.keyroute.providers.ProviderConformanceTest;
import io.keyroute.providers.ResponsesConformanceTest.CountCase;
import io.keyroute.providers.StreamedAnswer;
import io.keyroute.testkit.FakeUpstream;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.gemini.FakeGemini;
import java.util.List;
import java.util.Map;

/** Google's Gemini API ({@code type: gemini}) on {@link FakeGemini}, translated from OpenAI Chat callers. */
class GeminiConformanceTest extends ProviderConformanceTest {

    @Override
    protected String kind() {
        return "gemini";
    }

    @Override
    protected FakeUpstream startFake(String apiKey) {
        return FakeGemini.start(apiKey);
    }

    @Override
    protected String apiKey() {
        return "AIzaSyConformance0123456789abcdefghijk";
    }

    @Override
    protected String upstreamModel() {
        return "gemini-2.5-flash";
    }

    @Override
    protected String embeddingsModel() {
        return "gemini-embedding-001";
    }

    /** The key goes in a header, never in the URL (where access logs would keep it). */
    @Override
    protected void assertChatCall(RecordedRequest call, boolean stream) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:"
                + (stream ? "streamGenerateContent" : "generateContent"));
        assertThat(call.query()).isEqualTo(stream ? "alt=sse" : "");
        assertThat(call.header("x-goog-api-key")).isEqualTo(apiKey());
        assertThat(call.header("authorization")).isNull();
        assertThat(call.json().path("contents").path(0).path("role").asText()).isEqualTo("user");
    }

    @Override
    protected void assertCountCall(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(call.header("x-goog-api-key")).isEqualTo(apiKey());
        assertThat(call.json().path("generateContentRequest").path("model").asText())
                .isEqualTo("models/gemini-2.5-flash");
    }

    /** countTokens carries the whole generateContent request, so cached and system content count too. */
    @Override
    protected JsonNode countedPrompt(RecordedRequest call) {
        return call.json().path("generateContentRequest");
    }

    @Override
    protected Map<CountCase, Long> fakeCounts() {
        return Map.of(CountCase.PLAIN, 6L, CountCase.TOOLS, 16L, CountCase.IMAGE, 13L, CountCase.PDF, 13L);
    }

    @Override
    protected void assertToolsSent(JsonNode body) {
        JsonNode function = body.path("tools").path(0).path("functionDeclarations").path(0);
        assertThat(function.path("name").asText()).isEqualTo("get_weather");
        assertThat(function.path("description").asText()).isEqualTo("Current weather");
        assertThat(function.path("parameters")).as("Gemini's schema: OpenAPI types, upper case").isEqualTo(json(
                "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}"));
    }

    /** Gemini pairs a functionResponse with its functionCall by name; there are no call ids on its wire. */
    @Override
    protected void assertToolResultSent(JsonNode body) {
        assertThat(body.path("contents").path(1)).isEqualTo(json("""
                {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]}"""));
        assertThat(body.path("contents").path(2)).isEqualTo(json("""
                {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"Sunny, 21 C"}}}]}"""));
    }

    @Override
    protected void assertImageSent(JsonNode body) {
        assertThat(body.path("contents").path(0).path("parts")).contains(json(
                "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"));
    }

    @Override
    protected void assertPdfSent(JsonNode body) {
        assertThat(body.path("contents").path(0).path("parts")).contains(json(
                "{\"inlineData\":{\"mimeType\":\"application/pdf\",\"data\":\"" + CallerRequests.PDF + "\"}}"));
    }

    /** low is a 2,048-token budget, with the thought summaries asked for. */
    @Override
    protected void assertReasoningAsked(JsonNode body) {
        assertThat(body.path("generationConfig").path("thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":2048,\"includeThoughts\":true}"));
    }

    @Override
    protected void assertJsonModeSent(JsonNode body) {
        JsonNode config = body.path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.path("responseSchema")).isEqualTo(json(
                "{\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"INTEGER\"}},\"required\":[\"a\"]}"));
    }

    /** Two inputs are one batchEmbedContents call, each request naming its model. */
    @Override
    protected void assertEmbeddingsCall(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("x-goog-api-key")).isEqualTo(apiKey());
        assertThat(call.json().path("requests")).isEqualTo(json("""
                [{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"alpha"}]}},
                 {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"beta"}]}}]"""));
    }

    @Override
    protected void assertModelsProbe(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.rawPath()).isEqualTo("/v1beta/models");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("x-goog-api-key")).isEqualTo(apiKey());
    }

    /** Google answers an unknown key 400 INVALID_ARGUMENT "API key not valid", not 401. */
    @Override
    protected int refusedKeyStatus() {
        return 400;
    }

    @Override
    protected int overloadStatus() {
        return 503;
    }

    /**
     * usageMetadata comes in every chunk (the prompt's count until the last): the first chunk's is
     * reported partial (the prompt, its cached part included), the finishing chunk's as the final count.
     */
    @Override
    protected void assertStreamUsageReports(List<StreamedAnswer.UsageReport> reports) {
        assertThat(reports).containsExactly(new StreamedAnswer.UsageReport(new Usage(20, 0, 8, 0), true),
                new StreamedAnswer.UsageReport(new Usage(20, 3, 8, 0), false));
    }
}
