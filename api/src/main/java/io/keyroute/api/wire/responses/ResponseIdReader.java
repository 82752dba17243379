package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * The id of a Response an upstream answered, read without building a tree: the top-level {@code id}
 * of a Response object, or {@code response.id} of a stream's {@code response.created} event. Only
 * what is needed is read: a passed-through answer is relayed as it came, never rebuilt.
 */
public final class ResponseIdReader {
    private ResponseIdReader() {
    }

    /** The {@code id} of a Response object; empty when it has no string id or is not a JSON object. */
    public static Optional<String> ofResponse(byte[] json) {
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            return idOfObject(parser);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code response.id} of a {@code response.created} event's data; empty when it has none. */
    public static Optional<String> ofCreatedEvent(String data) {
        try (JsonParser parser = Json.FACTORY.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (name.equals("response")) {
                    return idOfObject(parser);
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The string {@code id} of the object that starts at the parser's next token. */
    private static Optional<String> idOfObject(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return Optional.empty();
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("id")) {
                return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
            }
            parser.skipChildren();
        }
        return Optional.empty();
    }
}
