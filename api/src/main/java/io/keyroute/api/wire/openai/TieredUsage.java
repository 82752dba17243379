package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Usage;
import java.io.IOException;

/**
 * The {@code usage} of an OpenAI object (a chat completion or chunk, a Responses {@code Response})
 * priced by the {@code service_tier} that served it, read token by token: both APIs carry the two
 * fields side by side, in either order, and only the usage object's own fields differ.
 */
public final class TieredUsage {
    private TieredUsage() {
    }

    /** Reads the usage object the parser stands on (its {@code START_OBJECT}) to its end. */
    @FunctionalInterface
    public interface UsageReader {
        Usage read(JsonParser parser) throws IOException;
    }

    /**
     * The usage and the {@code service_tier} of the object whose fields the parser is about to read
     * (past its {@code START_OBJECT}), read to its end; null when it has no usage object.
     * {@code default} is the standard tier.
     */
    public static Usage read(JsonParser parser, UsageReader usageReader) throws IOException {
        Usage usage = null;
        String tier = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                usage = usageReader.read(parser);
            } else if ("service_tier".equals(field) && value == JsonToken.VALUE_STRING) {
                tier = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return usage == null ? null : usage.onTier(OpenAiFinishReasons.servedTier(tier));
    }
}
