package io.keyroute.server.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeping a translated answer needs of the Response object the caller was sent: its id, its
 * text, and each output item's text, cut out of the text as sent: read token by token, no tree
 * built and nothing written again (keeping an answer had cost a parse into a tree and a
 * serialisation of every item). A whole Response object is read only as far as its output: what
 * follows it (the echoed request parameters, tools included, and the usage) is never tokenised.
 *
 * @param body   the Response object's JSON, as sent
 * @param output each output item's JSON, as sent, in order
 */
record SentResponse(String id, String body, List<String> output) {

    /**
     * Reads a Response object ({@code "object": "response"}) or a stream event that carries one
     * in {@code response} (a stream's terminal event).
     *
     * @throws IOException when {@code sent} is not a JSON object holding a Response
     */
    static SentResponse of(String sent) throws IOException {
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

    /**
     * The fields of the object the parser just entered.
     *
     * @param whole whether the object is the whole text: then a Response is read only until its id and
     *              output are known, and the parser is left there
     */
    private static Fields fields(JsonParser parser, String text, boolean whole) throws IOException {
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
                fields.output = items(parser, text);
            } else if (value == JsonToken.START_OBJECT && "response".equals(name)) {
                int at = offset(parser.currentTokenLocation().getCharOffset());
                Fields inner = fields(parser, text, false);
                fields.response = new SentResponse(inner.id, text.substring(at, end(parser)), inner.output());
            } else {
                parser.skipChildren();
            }
        }
        return fields;
    }

    private static List<String> items(JsonParser parser, String text) throws IOException {
        List<String> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int at = offset(parser.currentTokenLocation().getCharOffset());
            parser.skipChildren();
            items.add(text.substring(at, end(parser)));
        }
        return items;
    }

    /** Just past the token the parser stands on (the closing brace of a value it skipped or read). */
    private static int end(JsonParser parser) {
        return offset(parser.currentLocation().getCharOffset());
    }

    private static int offset(long charOffset) {
        return Math.toIntExact(charOffset);
    }

    private static final class Fields {
        String id;
        String object;
        List<String> output;
        SentResponse response;

        boolean knowResponse() {
            return id != null && output != null && "response".equals(object);
        }

        List<String> output() {
            return output == null ? List.of() : output;
        }
    }
}
