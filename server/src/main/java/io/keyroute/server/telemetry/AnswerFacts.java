package io.keyroute.server.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an answer says of itself for its attempt's span: the model that wrote it ({@code model}) and why
 * each choice stopped (Chat Completions' {@code choices[].finish_reason}, then Anthropic's
 * {@code stop_reason}, then a Response's {@code status}). Read from the answer's bytes token by token,
 * every other field skipped: an answer's JSON tree, only to find these few values, was half of a traced
 * request's telemetry work (issue 28.1, docs/PERFORMANCE.md).
 *
 * @param model         null when the answer names none
 * @param finishReasons in the order above, empty when it names none
 */
record AnswerFacts(String model, List<String> finishReasons) {
    /** What an answer that is no JSON object says: nothing. */
    static final AnswerFacts NONE = new AnswerFacts(null, List.of());
    /** A Response's terminal event, Anthropic's message_start and message_delta: the later one wins. */
    private static final List<String> WRAPPERS = List.of("response", "message", "delta");

    /** A whole answer's facts; {@link #NONE} when it is not a JSON object. */
    static AnswerFacts ofAnswer(byte[] json) {
        return read(json, false);
    }

    /**
     * A streamed event's facts: those of the object it wraps the answer in ({@code response},
     * {@code message}, {@code delta}), or its own (a Chat Completions chunk).
     */
    static AnswerFacts ofEvent(byte[] json) {
        return read(json, true);
    }

    private static AnswerFacts read(byte[] json, boolean unwrap) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            return object(parser, unwrap);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** The object the parser is at the start of, read to its end. */
    private static AnswerFacts object(JsonParser parser, boolean unwrap) throws IOException {
        String model = null;
        List<String> choices = List.of();
        String stopReason = null;
        String status = null;
        AnswerFacts wrapped = null;
        int wrappedAt = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            int wrapper = unwrap && value == JsonToken.START_OBJECT ? WRAPPERS.indexOf(field) : -1;
            if (wrapper >= 0) {
                AnswerFacts inner = object(parser, false);
                if (wrapper >= wrappedAt) {
                    wrapped = inner;
                    wrappedAt = wrapper;
                }
                continue;
            }
            switch (field) {
                case "choices" -> choices = choices(parser, value);
                case "model" -> model = text(parser, value);
                case "stop_reason" -> stopReason = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "status" -> status = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                default -> {
                }
            }
            parser.skipChildren(); // any other value passed over (nothing left to skip after a scalar or the choices)
        }
        if (wrapped != null) {
            return wrapped;
        }
        if (stopReason == null && status == null) {
            return new AnswerFacts(model, choices);
        }
        List<String> reasons = new ArrayList<>(choices);
        if (stopReason != null) {
            reasons.add(stopReason);
        }
        if (status != null) {
            reasons.add(status);
        }
        return new AnswerFacts(model, List.copyOf(reasons));
    }

    /** Each choice's {@code finish_reason} that is not null, in order; the value read to its end. */
    private static List<String> choices(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY && value != JsonToken.START_OBJECT) {
            return List.of();
        }
        JsonToken end = value == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
        List<String> reasons = List.of();
        for (JsonToken choice = next(parser, value); choice != end; choice = next(parser, value)) {
            String reason = choice == JsonToken.START_OBJECT ? finishReason(parser) : null;
            if (!choice.isScalarValue() && choice != JsonToken.START_OBJECT) {
                parser.skipChildren();
            }
            if (reason != null) {
                reasons = reasons.isEmpty() ? new ArrayList<>(2) : reasons;
                reasons.add(reason);
            }
        }
        return reasons.isEmpty() ? reasons : List.copyOf(reasons);
    }

    /** The next element of an array, or the next field's value of an object (its name passed over). */
    private static JsonToken next(JsonParser parser, JsonToken container) throws IOException {
        JsonToken token = parser.nextToken();
        return container == JsonToken.START_OBJECT && token == JsonToken.FIELD_NAME ? parser.nextToken() : token;
    }

    /** A choice's {@code finish_reason} as text (null when absent or null), the choice read to its end. */
    private static String finishReason(JsonParser parser) throws IOException {
        String reason = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean named = "finish_reason".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (named) {
                reason = text(parser, value);
            }
            parser.skipChildren();
        }
        return reason;
    }

    /** A value's text as a JSON tree's {@code asText} has it (an object's or array's is empty); null for null. */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        return value.isScalarValue() ? parser.getText() : "";
    }
}
