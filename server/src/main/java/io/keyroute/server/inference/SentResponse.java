package io.keyroute.server.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import io.keyroute.vault.responses.ResponseText;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * What keeping a translated answer needs of the Response object the caller was sent: its id, its
 * UTF-8 bytes, and where each output item is in them, read token by token from the bytes as sent: no
 * tree built, no text decoded, nothing written again (keeping an answer had cost a parse into a tree
 * and a serialisation of every item; then the answer's copy as a String, each item's cut and its encoding back
 * to UTF-8). A whole Response object is read only as far as its output: what follows it (the echoed request
 * parameters, tools included, and the usage) is never tokenised.
 *
 * @param body   the Response object's JSON, as sent (the very array of a whole Response)
 * @param output the start and end of each output item in {@code body}, in order
 */
record SentResponse(String id, byte[] body, int[] output) {

    /**
     * Reads a Response object ({@code "object": "response"}) or a stream event that carries one
     * in {@code response} (a stream's terminal event).
     *
     * @throws IOException when {@code sent} is not a JSON object holding a Response
     */
    static SentResponse of(byte[] sent) throws IOException {
        try (JsonParser parser = Json.FACTORY.createParser(sent)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Fields top = fields(parser, sent, true);
            if ("response".equals(top.object)) {
                return new SentResponse(top.id, sent, top.output());
            }
            if (top.response != null) {
                return top.response;
            }
            throw new IOException("neither a Response nor an event that carries one");
        }
    }

    /** What is kept of it with the caller's {@code input} items: the Response, its output items as spans of it. */
    ResponseText text(List<byte[]> input) {
        return ResponseText.sent(input, body, output);
    }

    /**
     * The fields of the object the parser just entered.
     *
     * @param whole whether the object is the whole text: then a Response is read only until its id and
     *              output are known, and the parser is left there
     */
    private static Fields fields(JsonParser parser, byte[] bytes, boolean whole) throws IOException {
        var fields = new Fields();
        while (!(whole && fields.knowResponse()) && parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && ("id".equals(name) || "object".equals(name))) {
                if ("id".equals(name)) {
                    fields.id = parser.getText();
                } else {
                    fields.object = parser.getText();
                }
            } else if (value == JsonToken.START_ARRAY && "output".equals(name)) {
                fields.output = JsonSpans.items(parser);
            } else if (value == JsonToken.START_OBJECT && "response".equals(name)) {
                int at = JsonSpans.start(parser);
                Fields inner = fields(parser, bytes, false);
                int[] output = inner.output();
                for (int i = 0; i < output.length; i++) {
                    output[i] -= at;
                }
                fields.response = new SentResponse(inner.id, Arrays.copyOfRange(bytes, at, JsonSpans.end(parser)), output);
            } else {
                parser.skipChildren();
            }
        }
        return fields;
    }

    private static final class Fields {
        String id;
        String object;
        int[] output;
        SentResponse response;

        boolean knowResponse() {
            return id != null && output != null && "response".equals(object);
        }

        int[] output() {
            return output == null ? new int[0] : output;
        }
    }
}
