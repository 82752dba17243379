package io.keyroute.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.responses.ResponsesUsage;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.sse.SseEvent;
import java.io.IOException;

/**
 * OpenAI Responses events to a Responses caller: each event passes through as it came. There is no
 * {@code [DONE]}: the stream's last word is {@code response.completed}, {@code response.incomplete}
 * or {@code response.failed}, whose {@code response.usage} is the count. An {@code error} event, or a
 * {@code response.failed}, is the provider's word that the answer failed.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
    private static final String ERROR = "error";
    private static final String FAILED = "response.failed";

    private boolean complete;
    private String reportedError;

    @Override
    public void onEvent(SseEvent event, StreamOutput out) {
        String data = event.data();
        String type = event.event() != null ? event.event() : typeOf(data);
        if (ResponsesUsage.reportsUsage(type)) {
            Usage usage = readUsage(data);
            if (usage != null) {
                out.usage(usage);
            }
            complete = true;
            if (FAILED.equals(type)) {
                reportedError = message(data, "response", "the response failed");
            }
        } else if (ERROR.equals(type)) {
            reportedError = message(data, null, "an error event");
            complete = true;
        }
        out.event(event);
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public String reportedError() {
        return reportedError;
    }

    private static Usage readUsage(String data) {
        try {
            return ResponsesUsage.fromEvent(data);
        } catch (IOException e) {
            return null; // a malformed event is relayed as is; the caller's SDK reports it
        }
    }

    /**
     * The failure's message: an {@code error} event's own {@code message} (or its {@code error.message}),
     * a failed response's {@code response.error.message}; {@code otherwise} when it gives none.
     */
    private static String message(String data, String within, String otherwise) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            node = within == null ? node : node.path(within);
            JsonNode message = node.hasNonNull("message") ? node.get("message") : node.path("error").path("message");
            return message.isTextual() ? message.asText() : otherwise;
        } catch (IOException e) {
            return otherwise;
        }
    }

    /** The {@code type} of an event sent without an {@code event:} line; null when it has none. */
    private static String typeOf(String data) {
        try (JsonParser parser = Json.FACTORY.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
