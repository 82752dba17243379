package io.keyroute.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Token counts as a provider reports them, made safe to add and to price: a count is a whole number
 * from 0 to {@link #MAX}. A provider (or a caller's own {@code base_url}) reporting a negative count, a
 * fraction, a number beyond a long or beyond any context window gets it clamped, never an overflow
 * that turns a charge negative or a cost that no longer fits.
 */
public final class TokenCounts {
    /** Far above any model's context window and answer (the largest windows are ~10 M tokens). */
    public static final long MAX = 1_000_000_000L;

    private TokenCounts() {
    }

    public static long clamp(long count) {
        return Math.max(0, Math.min(count, MAX));
    }

    /** A count from JSON, read as {@link JsonNode#asLong(long)} reads it, except that it saturates rather than wraps. */
    public static long of(JsonNode node, long otherwise) {
        if (node.isBigInteger()) {
            return node.bigIntegerValue().signum() > 0 ? MAX : 0;
        }
        return clamp(node.asLong(otherwise));
    }

    public static long of(JsonNode node) {
        return of(node, 0);
    }

    /**
     * As {@link #of(JsonNode, long)} reads the value the parser stands on, without a tree (usage read
     * from an answer passed through untouched): a number clamped (never wrapped, never {@code otherwise}),
     * null, an object or an array {@code otherwise} (skipped), anything else as {@link JsonNode#asLong(long)}.
     */
    public static long of(JsonParser parser, long otherwise) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield otherwise;
            }
            case VALUE_NULL -> otherwise;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (parser.getBigIntegerValue().signum() > 0 ? MAX : 0)
                    : clamp(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> clamp((long) parser.getDoubleValue());
            default -> parser.getValueAsLong(otherwise);
        };
    }

    /**
     * The count in {@code field} of the object the parser stands on (a {@code *_tokens_details}
     * object), read to its end; null when the field is absent or not a number, or the value is no object.
     */
    public static Long ofField(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Long found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(field)) {
                long value = of(parser, Long.MIN_VALUE);
                found = value == Long.MIN_VALUE ? null : value;
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }
}
