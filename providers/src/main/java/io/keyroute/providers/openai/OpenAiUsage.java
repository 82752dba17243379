package io.keyroute.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import java.io.IOException;

/**
 * Reads {@code usage} from OpenAI-shaped JSON (also DeepSeek's {@code prompt_cache_hit_tokens})
 * without building a tree of the whole answer: the body passes through to the caller untouched.
 */
final class OpenAiUsage {
    /** Reads one value in the middle of a document, so what follows it is not "trailing". */
    private static final ObjectReader NODE_READER = Json.MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    private static Usage scan(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                return toUsage(NODE_READER.readValue(parser));
            }
            parser.skipChildren();
        }
        return null;
    }

    static Usage toUsage(JsonNode usage) {
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(
                usage.path("prompt_cache_hit_tokens").asLong(0));
        return new Usage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                cached,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
