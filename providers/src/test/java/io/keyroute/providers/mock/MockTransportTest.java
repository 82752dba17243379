package io.keyroute.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockTransportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Duration IDLE = Duration.ofSeconds(5);
    /** "Hello there, mock!" is 18 characters: (18 + 3) / 4 = 5 prompt tokens. */
    private static final String MESSAGES = "[{\"role\":\"user\",\"content\":\"Hello there, mock!\"}]";

    private static UpstreamRequest request(String model, boolean stream, boolean includeUsage) {
        String json = "{\"model\":\"" + model + "\",\"messages\":" + MESSAGES
                + (stream ? ",\"stream\":true" : "")
                + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return new UpstreamRequest(URI.create("mock://local/chat/completions"), Map.of(),
                json.getBytes(StandardCharsets.UTF_8), stream);
    }

    private static byte[] body(UpstreamExchange exchange) throws IOException {
        try (exchange) {
            return Bodies.readAtMost(exchange.body(), 1 << 20);
        }
    }

    private static JsonNode json(byte[] bytes) throws IOException {
        return Json.MAPPER.readTree(bytes);
    }

    private static List<SseEvent> events(UpstreamExchange exchange) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseReader reader = new SseReader(exchange.body());
        for (SseEvent e = reader.next(); e != null; e = reader.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void answersInOpenAiShapeWithDocumentedTokenCounts() throws IOException {
        var transport = new MockTransport(MockSettings.DEFAULT, CLOCK);

        UpstreamExchange exchange = transport.send("mock", request("any-model", false, false), IDLE);
        assertThat(exchange.status()).isEqualTo(200);
        JsonNode answer = json(body(exchange));

        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("model").asText()).isEqualTo("any-model");
        assertThat(answer.path("created").asLong()).isEqualTo(CLOCK.instant().getEpochSecond());
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Mock reply to: Hello there, mock!");
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.at("/usage/prompt_tokens").asLong()).isEqualTo(5);
        assertThat(answer.at("/usage/completion_tokens").asLong()).isEqualTo(6);
        assertThat(answer.at("/usage/total_tokens").asLong()).isEqualTo(11);
    }

    @Test
    void sameRequestGetsTheSameBytes() throws IOException {
        byte[] first = body(new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", false, false), IDLE));
        byte[] second = body(new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", false, false), IDLE));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void repeatedRequestsOnOneTransportDifferOnlyInId() throws IOException {
        var transport = new MockTransport(MockSettings.DEFAULT, CLOCK);
        JsonNode first = json(body(transport.send("mock", request("m", false, false), IDLE)));
        JsonNode second = json(body(transport.send("mock", request("m", false, false), IDLE)));

        assertThat(first.path("id").asText()).isNotEqualTo(second.path("id").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) first).remove("id");
        ((com.fasterxml.jackson.databind.node.ObjectNode) second).remove("id");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void streamIsOpenAiChunksEndingWithDone() throws IOException {
        var transport = new MockTransport(MockSettings.DEFAULT, CLOCK);
        UpstreamExchange exchange = transport.send("mock", request("m", true, false), IDLE);

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.header("Content-Type")).isEqualTo("text/event-stream");
        List<SseEvent> events = events(exchange);

        assertThat(events.getLast()).isEqualTo(SseEvent.data("[DONE]"));
        var text = new StringBuilder();
        String finish = null;
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.MAPPER.readTree(e.data());
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("choices").size()).isEqualTo(1);
            assertThat(chunk.has("usage")).as("no usage field unless asked").isFalse();
            text.append(chunk.at("/choices/0/delta/content").asText(""));
            if (!chunk.at("/choices/0/finish_reason").isNull()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertThat(text.toString()).isEqualTo("Mock reply to: Hello there, mock!");
        assertThat(finish).isEqualTo("stop");
    }

    @Test
    void streamWithIncludeUsageEndsWithAUsageChunk() throws IOException {
        List<SseEvent> events = events(new MockTransport(MockSettings.DEFAULT, CLOCK)
                .send("mock", request("m", true, true), IDLE));

        JsonNode usageChunk = Json.MAPPER.readTree(events.get(events.size() - 2).data());
        assertThat(usageChunk.path("choices").isArray()).isTrue();
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/prompt_tokens").asLong()).isEqualTo(5);
        assertThat(usageChunk.at("/usage/completion_tokens").asLong()).isEqualTo(6);
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
    }

    @Test
    void streamsAreDeterministicToo() throws IOException {
        List<SseEvent> first = events(new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", true, true), IDLE));
        List<SseEvent> second = events(new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", true, true), IDLE));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void errorModelFailsWithThatStatusAndAnOpenAiErrorBody() throws IOException {
        UpstreamExchange exchange = new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("error-503", false, false), IDLE);

        assertThat(exchange.status()).isEqualTo(503);
        assertThat(exchange.header("retry-after")).isEqualTo("0");
        JsonNode error = json(body(exchange)).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Injected mock failure with status 503.");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("code").asText()).isEqualTo("mock_failure");
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void errorModelFailsEvenWhenStreaming() {
        UpstreamExchange exchange = new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("error-429", true, false), IDLE);

        assertThat(exchange.status()).isEqualTo(429);
    }

    @Test
    void failFirstFailsOnlyTheFirstNRequests() {
        var transport = new MockTransport(MockSettings.fromOptions(Map.of("fail_status", 500, "fail_first", 2)), CLOCK);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(transport.send("mock", request("m", false, false), IDLE).status());
        }

        assertThat(statuses).containsExactly(500, 500, 200, 200);
    }

    @Test
    void failStatusWithoutFailFirstFailsEveryRequest() {
        var transport = new MockTransport(MockSettings.fromOptions(Map.of("fail_status", "429")), CLOCK);

        for (int i = 0; i < 3; i++) {
            assertThat(transport.send("mock", request("m", false, false), IDLE).status()).isEqualTo(429);
        }
    }

    @Test
    void settingsFromOptions() {
        assertThat(MockSettings.fromOptions(Map.of())).isEqualTo(MockSettings.DEFAULT);
        assertThat(MockSettings.fromOptions(Map.of("latency_ms", 250, "chunk_delay_ms", " 20 ")))
                .isEqualTo(new MockSettings(Duration.ofMillis(250), Duration.ofMillis(20), 0, 0));
        assertThatThrownBy(() -> MockSettings.fromOptions(Map.of("latency_ms", "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency_ms");
    }

    @Test
    void latencyBeyondTheIdleTimeoutIsATimeout() {
        var transport = new MockTransport(new MockSettings(Duration.ofSeconds(60), Duration.ZERO, 0, 0), CLOCK);

        UpstreamError e = catchThrowableOfType(UpstreamError.class,
                () -> transport.send("slowmock", request("m", false, false), Duration.ofMillis(5)));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(UpstreamError.Kind.TIMEOUT);
        assertThat(e.provider()).isEqualTo("slowmock");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void latencyWithinTheIdleTimeoutAnswers() {
        var transport = new MockTransport(new MockSettings(Duration.ofMillis(1), Duration.ZERO, 0, 0), CLOCK);

        assertThat(transport.send("mock", request("m", false, false), IDLE).status()).isEqualTo(200);
    }

    @Test
    void cancelBeforeReadingMakesTheStreamFail() {
        UpstreamExchange exchange = new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", true, false), IDLE);

        exchange.cancel();

        assertThatThrownBy(() -> exchange.body().read(new byte[64])).isInstanceOf(IOException.class);
    }

    @Test
    void cancelMidStreamMakesFurtherReadsFail() throws IOException {
        UpstreamExchange exchange = new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", true, false), IDLE);
        InputStream body = exchange.body();

        assertThat(body.read(new byte[8])).isEqualTo(8); // part of the first event
        exchange.cancel();

        assertThatThrownBy(() -> body.read(new byte[64])).isInstanceOf(IOException.class);
    }

    @Test
    void cancelMakesANonStreamingBodyFailToo() {
        UpstreamExchange exchange = new MockTransport(MockSettings.DEFAULT, CLOCK).send("mock", request("m", false, false), IDLE);

        exchange.cancel();

        assertThatThrownBy(() -> exchange.body().read(new byte[64])).isInstanceOf(IOException.class);
    }
}
