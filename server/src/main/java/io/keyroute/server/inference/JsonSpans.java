package io.keyroute.server.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/** Where values are in the UTF-8 bytes a parser reads: so JSON already written is kept as it is, not written again. */
final class JsonSpans {
    private JsonSpans() {
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
