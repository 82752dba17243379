package io.keyroute.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock provider: answers OpenAI-shaped calls in process, in OpenAI's wire format, so that
 * everything after the transport (stream decoding, usage, error mapping, retries) runs exactly
 * as it does for a real provider. Used by {@code --demo}, tests and benchmarks.
 */
public final class MockTransport implements Transport {
    private static final String ERROR_MODEL_PREFIX = "error-";

    private final MockSettings settings;
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();

    public MockTransport(MockSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public UpstreamExchange send(String providerId, UpstreamRequest request, Duration idleTimeout) {
        long number = requests.incrementAndGet();
        waitBeforeAnswer(providerId, idleTimeout);
        JsonNode body = parse(request.body());
        int failure = injectedFailure(body.path("model").asText(), number);
        if (failure != 0) {
            return MockExchange.complete(failure, errorBody(failure), Map.of("retry-after", "0"));
        }
        var completion = new MockCompletion(body, "chatcmpl-mock-" + number, clock.instant().getEpochSecond());
        if (!request.stream()) {
            return MockExchange.complete(200, toBytes(completion.completion()), Map.of());
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        List<byte[]> events = new ArrayList<>();
        for (ObjectNode chunk : completion.chunks(includeUsage)) {
            events.add(sse(toBytes(chunk)));
        }
        events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return MockExchange.streaming(events, settings.chunkDelay());
    }

    private void waitBeforeAnswer(String providerId, Duration idleTimeout) {
        if (settings.latency().isZero()) {
            return;
        }
        boolean timesOut = settings.latency().compareTo(idleTimeout) > 0;
        sleep(timesOut ? idleTimeout : settings.latency());
        if (timesOut) {
            throw UpstreamError.timeout(providerId, idleTimeout);
        }
    }

    private int injectedFailure(String model, long requestNumber) {
        if (model.startsWith(ERROR_MODEL_PREFIX)) {
            try {
                return Integer.parseInt(model.substring(ERROR_MODEL_PREFIX.length()));
            } catch (NumberFormatException ignored) {
                return 0;
            }
        }
        return requestNumber <= settings.failFirst() ? settings.failStatus() : 0;
    }

    private static byte[] errorBody(int status) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "Injected mock failure with status " + status + ".");
        error.put("type", status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error");
        error.putNull("param");
        error.put("code", "mock_failure");
        return toBytes(root);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sse(byte[] json) {
        byte[] event = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
        System.arraycopy(json, 0, event, 6, json.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating latency", e);
        }
    }
}
