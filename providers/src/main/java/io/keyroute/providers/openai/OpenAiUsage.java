package io.keyroute.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.TieredUsage;
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
        return TieredUsage.read(parser, OpenAiUsage::readUsage);
    }

    /**
     * The usage object the parser stands on, read token by token: a tree of it (an ObjectReader
     * with its context per call) cost more than the scan of the whole answer before it. Each value
     * reads as {@link JsonNode#asLong(long)} reads it from a tree ({@link TokenCounts#of(JsonParser, long)},
     * OpenAiUsagePropertyTest).
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
                case "prompt_tokens" -> prompt = TokenCounts.of(parser, 0);
                case "completion_tokens" -> completion = TokenCounts.of(parser, 0);
                case "prompt_cache_hit_tokens" -> cacheHits = TokenCounts.of(parser, 0);
                case "prompt_tokens_details" -> cached = TokenCounts.ofField(parser, "cached_tokens");
                case "completion_tokens_details" -> {
                    Long value = TokenCounts.ofField(parser, "reasoning_tokens");
                    reasoning = value == null ? 0 : value;
                }
                default -> parser.skipChildren();
            }
        }
        return new Usage(prompt, completion, cached == null ? cacheHits : cached, reasoning);
    }
}
