package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.openai.OpenAiErrorWriter;
import java.nio.charset.StandardCharsets;

/**
 * The Responses stream's {@code error} event ({@code ResponseErrorEvent} of openai-openapi and
 * openai-java 4.100.0): how Keyroute ends a Responses stream that fails after its first byte, when
 * no {@link ResponsesEventWriter} is there to say {@code response.failed}.
 */
public final class ResponsesErrorEvent {
    private ResponsesErrorEvent() {
    }

    /** {@code {"type":"error","code","message","param","sequence_number"}}. */
    public static byte[] body(GatewayError error, int sequenceNumber) {
        ObjectNode event = JsonFields.object().put("type", "error")
                .put("code", error.code())
                .put("message", error.getMessage())
                .put("param", error.param().orElse(null))
                .put("sequence_number", sequenceNumber);
        return JsonFields.write(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A refusal on a Responses WebSocket, before any event of its response: the HTTP answer it
     * stands for, as OpenAI wraps it, {@code {"type":"error","status","error":{...},"headers"}}
     * (Codex reads {@code status} as the HTTP status, and a 429's {@code retry-after}).
     */
    public static String onSocket(GatewayError error) {
        ObjectNode event = JsonFields.object().put("type", "error").put("status", error.status());
        event.set("error", OpenAiErrorWriter.error(error));
        error.retryAfter().ifPresent(wait -> event.putObject("headers")
                .put("retry-after", String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return JsonFields.write(event);
    }
}
