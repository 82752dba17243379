package io.keyroute.providers.openai;

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
import io.keyroute.testkit.openai.FakeOpenAi;
import java.util.List;
import java.util.Map;

/** OpenAI ({@code type: openai}) on {@link FakeOpenAi}: tools, images and response_format pass through as sent. */
class OpenAiConformanceTest extends ProviderConformanceTest {

    @Override
    protected String kind() {
        return "openai";
    }

    @Override
    protected FakeUpstream startFake(String apiKey) {
        return FakeOpenAi.builder().apiKey(apiKey).rejectUnknownModels(true).start();
    }

    @Override
    protected String apiKey() {
        return "sk-proj-conformance0123456789abcdef";
    }

    @Override
    protected String upstreamModel() {
        return "gpt-4o-mini";
    }

    @Override
    protected String embeddingsModel() {
        return "text-embedding-3-small";
    }

    @Override
    protected void assertChatCall(RecordedRequest call, boolean stream) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1/chat/completions");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + apiKey());
        assertThat(call.json().path("model").asText()).isEqualTo(upstreamModel());
        assertThat(call.json().path("stream").asBoolean()).isEqualTo(stream);
        assertThat(call.json().path("stream_options").path("include_usage").asBoolean())
                .as("a stream asks for its usage").isEqualTo(stream);
    }

    @Override
    protected void assertToolsSent(JsonNode body) {
        assertThat(body.path("tools")).isEqualTo(json("""
                [{"type":"function","function":{"name":"get_weather","description":"Current weather",
                 "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"""));
    }

    @Override
    protected void assertToolResultSent(JsonNode body) {
        assertThat(body.path("messages").path(1)).isEqualTo(json("""
                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}"""));
        assertThat(body.path("messages").path(2)).isEqualTo(json("""
                {"role":"tool","tool_call_id":"call_1","content":"Sunny, 21 C"}"""));
    }

    @Override
    protected void assertImageSent(JsonNode body) {
        assertThat(body.path("messages").path(0).path("content").path(1)).isEqualTo(json(
                "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}"));
    }

    @Override
    protected void assertPdfSent(JsonNode body) {
        assertThat(body.path("messages").path(0).path("content").path(1)).isEqualTo(json(
                "{\"type\":\"file\",\"file\":{\"filename\":\"r.pdf\",\"file_data\":\"data:application/pdf;base64,"
                        + CallerRequests.PDF + "\"}}"));
    }

    @Override
    protected void assertJsonModeSent(JsonNode body) {
        assertThat(body.path("response_format")).isEqualTo(json("""
                {"type":"json_schema","json_schema":{"name":"answer","schema":
                 {"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}}}"""));
    }

    @Override
    protected void assertEmbeddingsCall(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1/embeddings");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + apiKey());
        assertThat(call.json().path("model").asText()).isEqualTo(embeddingsModel());
        assertThat(call.json().path("input")).isEqualTo(json("[\"alpha\",\"beta\"]"));
    }

    /** A Responses caller's request goes to OpenAI's own Responses API, with the same key. */
    @Override
    protected void assertResponsesCall(RecordedRequest call, boolean stream) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1/responses");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + apiKey());
        assertThat(call.header("content-type")).isEqualTo("application/json");
        assertThat(call.header("accept")).isEqualTo(stream ? "text/event-stream" : "application/json");
    }

    @Override
    protected void assertCountCall(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1/responses/input_tokens");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + apiKey());
    }

    @Override
    protected Map<CountCase, Long> fakeCounts() {
        return Map.of(CountCase.PLAIN, 5L, CountCase.TOOLS, 22L, CountCase.IMAGE, 23L, CountCase.PDF, 25L);
    }

    @Override
    protected void assertModelsProbe(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.rawPath()).isEqualTo("/v1/models");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + apiKey());
    }

    @Override
    protected int refusedKeyStatus() {
        return 401;
    }

    @Override
    protected int overloadStatus() {
        return 503;
    }

    /** One report, from the final usage chunk that include_usage brings (after the finish chunk). */
    @Override
    protected void assertStreamUsageReports(List<StreamedAnswer.UsageReport> reports) {
        assertThat(reports).containsExactly(new StreamedAnswer.UsageReport(new Usage(20, 3, 8, 0), false));
    }
}
