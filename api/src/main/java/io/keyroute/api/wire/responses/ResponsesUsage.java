package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.TieredUsage;
import java.io.IOException;

/**
 * The usage an OpenAI Responses answer reports, for the accounting of an answer passed through
 * untouched: read token by token, never as a tree of the whole answer.
 *
 * <p>Shapes from openai-openapi's {@code openapi.json} (components.schemas): {@code Response} carries
 * {@code usage} ({@code ResponseUsage}: {@code input_tokens}, {@code input_tokens_details.cached_tokens},
 * {@code output_tokens}, {@code output_tokens_details.reasoning_tokens}, {@code total_tokens}) and
 * {@code service_tier}; a stream reports it once, in the {@code response} of its last event,
 * {@code ResponseCompletedEvent}, {@code ResponseIncompleteEvent} or {@code ResponseFailedEvent}
 * (openai-java 4.100.0: {@code com.openai.models.responses.ResponseUsage}, {@code ResponseCompletedEvent}).
 *
 * <p>Mapped as the chat path maps {@code usage} (providers' OpenAiUsage), so a call costs the same on
 * either API: input tokens are the prompt (cached ones a part of it), output tokens the completion
 * (reasoning ones a part of it), and the {@code service_tier} that served the call prices them.
 * {@code cache_write_tokens} is not read, as the chat path does not read its own.
 */
public final class ResponsesUsage {
    private static final String COMPLETED = "response.completed";
    private static final String INCOMPLETE = "response.incomplete";
    private static final String FAILED = "response.failed";

    private ResponsesUsage() {
    }

    /** The usage of a Response object (a non-streamed answer, a retrieved response), or null when it has none. */
    public static Usage fromResponse(byte[] body) throws IOException {
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            return parser.nextToken() == JsonToken.START_OBJECT
                    ? TieredUsage.read(parser, ResponsesUsage::readUsage)
                    : null;
        }
    }

    /**
     * The usage of a stream event's data: the {@code response.usage} of a {@code response.completed},
     * {@code response.incomplete} or {@code response.failed} event; null for every other event, which
     * is left unparsed past its {@code type} when that comes first (as OpenAI sends it).
     */
    public static Usage fromEvent(String data) throws IOException {
        try (JsonParser parser = Json.FACTORY.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            Usage usage = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                    type = parser.getText();
                    if (!reportsUsage(type)) {
                        return null;
                    }
                } else if ("response".equals(field) && value == JsonToken.START_OBJECT) {
                    usage = TieredUsage.read(parser, ResponsesUsage::readUsage);
                } else {
                    parser.skipChildren();
                }
            }
            return reportsUsage(type) ? usage : null;
        }
    }

    /** Whether an event of this type carries the response's final usage. */
    public static boolean reportsUsage(String eventType) {
        return COMPLETED.equals(eventType) || INCOMPLETE.equals(eventType) || FAILED.equals(eventType);
    }

    /** The {@code ResponseUsage} object the parser stands on; an absent count is none. */
    private static Usage readUsage(JsonParser parser) throws IOException {
        long input = 0;
        long output = 0;
        Long cached = null;
        Long reasoning = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "input_tokens" -> input = TokenCounts.of(parser, 0);
                case "output_tokens" -> output = TokenCounts.of(parser, 0);
                case "input_tokens_details" -> cached = TokenCounts.ofField(parser, "cached_tokens");
                case "output_tokens_details" -> reasoning = TokenCounts.ofField(parser, "reasoning_tokens");
                default -> parser.skipChildren();
            }
        }
        return new Usage(input, output, cached == null ? 0 : cached, reasoning == null ? 0 : reasoning);
    }
}
