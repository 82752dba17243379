package io.keyroute.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.OpenAiFinishReasons;
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
        return TieredUsage.read(parser, OpenAiFinishReasons::readUsage);
    }
}
