package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.JsonFields;
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
        ObjectNode event = SequencedEvents.event("error")
                .put("code", error.code())
                .put("message", error.getMessage())
                .put("param", error.param().orElse(null))
                .put("sequence_number", sequenceNumber);
        return JsonFields.write(event).getBytes(StandardCharsets.UTF_8);
    }
}
