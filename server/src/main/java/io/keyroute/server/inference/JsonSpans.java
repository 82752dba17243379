package io.keyroute.server.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where values are in the UTF-8 bytes a parser reads: so JSON already written is kept as it is, not written again. */
final class JsonSpans {
    private JsonSpans() {
    }

    /**
     * Each item of the array that is the top-level {@code field} of the object {@code json} holds, as its bytes;
     * null when it holds no such array. Only the fields before it are read (skipped), and nothing after it.
     */
    static List<byte[]> arrayItems(byte[] json, String field) throws IOException {
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    return value == JsonToken.START_ARRAY ? cut(json, items(parser)) : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private static List<byte[]> cut(byte[] json, int[] spans) {
        List<byte[]> items = new ArrayList<>(spans.length / 2);
        for (int i = 0; i < spans.length; i += 2) {
            items.add(Arrays.copyOfRange(json, spans[i], spans[i + 1]));
        }
        return items;
    }

    /** Start and end of each item of the array the parser just entered, which it leaves at the array's end. */
    static int[] items(JsonParser parser) throws IOException {
        int[] spans = new int[8];
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (n == spans.length) {
                spans = Arrays.copyOf(spans, n * 2);
            }
            spans[n++] = start(parser);
            parser.skipChildren();
            spans[n++] = end(parser);
        }
        return Arrays.copyOf(spans, n);
    }

    /** Where the token the parser stands on starts. */
    static int start(JsonParser parser) {
        return Math.toIntExact(parser.currentTokenLocation().getByteOffset());
    }

    /** Just past the token the parser stands on (the closing brace of a value it skipped or read). */
    static int end(JsonParser parser) {
        return Math.toIntExact(parser.currentLocation().getByteOffset());
    }
}
