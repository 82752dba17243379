package io.keyroute.providers.anthropic;

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
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.replies.Reply;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API ({@code type: anthropic}) on {@link FakeAnthropic}, translated from OpenAI Chat callers. */
class AnthropicConformanceTest extends ProviderConformanceTest {

    @Override
    protected String kind() {
        return "anthropic";
    }

    @Override
    protected FakeUpstream startFake(String apiKey) {
        return FakeAnthropic.start(apiKey);
    }

    @Override
    protected String apiKey() {
        return "sk-ant-api03-conformance0123456789";
    }

    @Override
    protected String upstreamModel() {
        return "claude-sonnet-4-5";
    }

    @Override
    protected void assertChatCall(RecordedRequest call, boolean stream) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1/messages");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("x-api-key")).isEqualTo(apiKey());
        assertThat(call.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(call.header("authorization")).isNull();
        assertThat(call.json().path("model").asText()).isEqualTo(upstreamModel());
        assertThat(call.json().path("max_tokens").asInt()).isPositive();
        assertThat(call.json().path("stream").asBoolean()).isEqualTo(stream);
    }

    @Override
    protected void assertCountCall(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/v1/messages/count_tokens");
        assertThat(call.header("x-api-key")).isEqualTo(apiKey());
        assertThat(call.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(call.json().path("model").asText()).isEqualTo(upstreamModel());
        assertThat(call.json().has("max_tokens")).as("count_tokens refuses it").isFalse();
    }

    @Override
    protected Map<CountCase, Long> fakeCounts() {
        return Map.of(CountCase.PLAIN, 7L, CountCase.TOOLS, 17L, CountCase.IMAGE, 16L, CountCase.PDF, 19L);
    }

    @Override
    protected void assertToolsSent(JsonNode body) {
        JsonNode tool = body.path("tools").path(0);
        assertThat(tool.path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.path("description").asText()).isEqualTo("Current weather");
        assertThat(tool.path("input_schema")).isEqualTo(json(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    }

    /** The call is the assistant turn's tool_use, its result the next user turn's tool_result. */
    @Override
    protected void assertToolResultSent(JsonNode body) {
        assertThat(body.path("messages").path(1)).isEqualTo(json("""
                {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather",
                 "input":{"city":"Paris"}}]}"""));
        assertThat(body.path("messages").path(2)).isEqualTo(json("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"Sunny, 21 C"}]}"""));
    }

    @Override
    protected void assertImageSent(JsonNode body) {
        assertThat(body.path("messages").path(0).path("content")).contains(json(
                "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"));
    }

    @Override
    protected void assertPdfSent(JsonNode body) {
        assertThat(body.path("messages").path(0).path("content")).contains(json("{\"type\":\"document\",\"source\":"
                + "{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"" + CallerRequests.PDF + "\"},"
                + "\"title\":\"r.pdf\"}"));
    }

    /** No response_format on Anthropic: a forced answer tool with the schema as its input. */
    /** low is a 2,048-token budget; without the caller's limit, max_tokens is the default plus it. */
    @Override
    protected void assertReasoningAsked(JsonNode body) {
        assertThat(body.path("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096 + 2048);
    }

    @Override
    protected void assertJsonModeSent(JsonNode body) {
        assertThat(body.has("response_format")).isFalse();
        JsonNode tool = body.path("tools").path(0);
        assertThat(tool.path("name").asText()).isEqualTo(AnthropicJsonMode.TOOL);
        assertThat(tool.path("input_schema")).isEqualTo(json(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}"));
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"" + AnthropicJsonMode.TOOL + "\"}"));
    }

    @Override
    protected Reply jsonAnswer(String json) {
        return Reply.toolCall(AnthropicJsonMode.TOOL, json);
    }

    /** The same key header and API version as a Messages call. */
    @Override
    protected void assertModelsProbe(RecordedRequest call) {
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.rawPath()).isEqualTo("/v1/models");
        assertThat(call.query()).isEmpty();
        assertThat(call.header("x-api-key")).isEqualTo(apiKey());
        assertThat(call.header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Override
    protected int refusedKeyStatus() {
        return 401;
    }

    @Override
    protected int overloadStatus() {
        return 529;
    }

    /**
     * message_start brings the input (cache reads included) and a first output count, partial;
     * message_delta the final output count.
     */
    /** Anthropic reports cache writes too, with their one-hour share. */
    @Override
    protected Usage cacheUsageReported(Usage scripted) {
        return scripted;
    }

    @Override
    protected void assertStreamUsageReports(List<StreamedAnswer.UsageReport> reports) {
        assertThat(reports).containsExactly(
                new StreamedAnswer.UsageReport(new Usage(20, 1, 8, 0), true),
                new StreamedAnswer.UsageReport(new Usage(20, 3, 8, 0), false));
    }
}
