package io.keyroute.server.http.exchange;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.anthropic.AnthropicErrorWriter;
import io.keyroute.api.wire.openai.OpenAiErrorWriter;
import io.keyroute.api.wire.responses.ResponsesErrorEvent;
import io.keyroute.providers.sse.SseEvent;

/** The one place a {@link GatewayError} becomes an HTTP answer in the caller's API shape. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static void send(ServerResponse res, WireFormat format, GatewayError error) {
        statusAndHeaders(res, error);
        res.send(body(format, error));
    }

    /** The management API's shape: {@code {"error":{"message","type","code"}}}. */
    public static void sendManagement(ServerResponse res, GatewayError error) {
        statusAndHeaders(res, error);
        var root = Json.MAPPER.createObjectNode();
        var inner = root.putObject("error");
        inner.put("message", error.getMessage());
        inner.put("type", error.type().openAiType());
        inner.put("code", error.code());
        try {
            res.send(Json.MAPPER.writeValueAsBytes(root));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Status, JSON content type, and Retry-After in whole seconds (rounded up) where known. */
    private static void statusAndHeaders(ServerResponse res, GatewayError error) {
        res.status(Status.create(error.status()));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        error.retryAfter().ifPresent(d ->
                res.header(KeyrouteHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))));
    }

    /**
     * A failure after a stream has started: the last event of the stream, in the caller's shape. A
     * Responses stream ends in the spec's {@code error} event ({@code ResponseErrorEvent}), numbered
     * after the {@code eventsSent} before it.
     */
    public static SseEvent streamEvent(WireFormat format, GatewayError error, int eventsSent) {
        return switch (format) {
            case OPENAI_CHAT -> new SseEvent(null, text(OpenAiErrorWriter.body(error)));
            case ANTHROPIC_MESSAGES -> new SseEvent("error", text(AnthropicErrorWriter.body(error)));
            case OPENAI_RESPONSES -> new SseEvent("error", text(ResponsesErrorEvent.body(error, eventsSent)));
        };
    }

    static byte[] body(WireFormat format, GatewayError error) {
        return switch (format) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> OpenAiErrorWriter.body(error);
            case ANTHROPIC_MESSAGES -> AnthropicErrorWriter.body(error);
        };
    }

    private static String text(byte[] json) {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
