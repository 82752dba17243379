package io.keyroute.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.OpenAiFinishReasons;
import java.io.IOException;

/**
 * Reads {@code usage} from OpenAI-shaped JSON (also DeepSeek's {@code prompt_cache_hit_tokens})
 * without building a tree of the whole answer: the body passes through to the caller untouched.
 */
final class OpenAiUsage {
    private OpenAiUsage() {
    }

    /** The top-level usage of a completion or chunk, or null when it has none. */
    static Usage fromBody(byte[] body) throws IOException {
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            return scan(parser);
        }
    }

    static Usage fromChunk(String data) throws IOException {
        try (JsonParser parser = Json.FACTORY.createParser(data)) {
            return scan(parser);
        }
    }

    /**
     * Whether a chunk carries a usage object, checked on the text: with include_usage every chunk
     * has {@code "usage":null}, and only the last one needs parsing.
     */
    static boolean mayCarryUsage(String data) {
        int at = data.lastIndexOf("\"usage\"");
        if (at < 0) {
            return false;
        }
        for (int i = at + 7; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c != ':' && !Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    /**
     * The usage and the {@code service_tier} that served the call, in either order (an answer has the
     * tier after its usage, the usage chunk before): the tier prices the tokens. {@code default} is
     * the standard tier.
     */
    private static Usage scan(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Usage usage = null;
        String tier = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                usage = readUsage(parser);
            } else if ("service_tier".equals(field) && value == JsonToken.VALUE_STRING) {
                tier = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return usage == null ? null : usage.onTier(OpenAiFinishReasons.servedTier(tier));
    }

    /**
     * The usage object the parser stands on, read token by token: a tree of it (an ObjectReader
     * with its context per call) cost more than the scan of the whole answer before it. Each value
     * reads as {@link JsonNode#asLong(long)} reads it from a tree (OpenAiUsagePropertyTest).
     */
    private static Usage readUsage(JsonParser parser) throws IOException {
        long prompt = 0;
        long completion = 0;
        long cacheHits = 0;
        long reasoning = 0;
        Long cached = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = longValue(parser, 0);
                case "completion_tokens" -> completion = longValue(parser, 0);
                case "prompt_cache_hit_tokens" -> cacheHits = longValue(parser, 0);
                case "prompt_tokens_details" -> cached = nestedLong(parser, "cached_tokens");
                case "completion_tokens_details" -> {
                    Long value = nestedLong(parser, "reasoning_tokens");
                    reasoning = value == null ? 0 : value;
                }
                default -> parser.skipChildren();
            }
        }
        return new Usage(prompt, completion, cached == null ? cacheHits : cached, reasoning);
    }

    /** {@code field} of the object the parser stands on, or null when absent or not a number (or not an object). */
    private static Long nestedLong(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Long found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(field)) {
                long value = longValue(parser, Long.MIN_VALUE);
                found = value == Long.MIN_VALUE ? null : value;
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    /**
     * As {@link TokenCounts#of(JsonNode, long)} reads the value the parser stands on: a number clamped
     * (never wrapped, never the {@code otherwise} of an absent value), anything else as {@link JsonNode#asLong(long)}.
     */
    private static long longValue(JsonParser parser, long otherwise) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield otherwise;
            }
            case VALUE_NULL -> otherwise;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (parser.getBigIntegerValue().signum() > 0 ? TokenCounts.MAX : 0)
                    : TokenCounts.clamp(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> TokenCounts.clamp((long) parser.getDoubleValue());
            default -> parser.getValueAsLong(otherwise);
        };
    }
}
