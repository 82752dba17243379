package io.keyroute.server.guardrails;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@link ChatTexts}' reading done on a JSON object's bytes, token by token: the same fields, in the same order,
 * with no tree. An answer is only looked at in the common case (nothing found, nothing to restore), so reading
 * it into a tree and writing it again was most of what checking it cost (a profile of a loaded gateway:
 * more than the checks themselves). Rewriting copies every other token exactly as it came (numbers keep their
 * spelling). A field repeated in an object is read at each occurrence, where a tree keeps only the last.
 */
final class TextTokens {
    private final JsonParser parser;
    /** Where the copy goes; null while only reading. */
    private final JsonGenerator out;
    private final List<String> found;
    private final Iterator<String> replacements;

    private TextTokens(JsonParser parser, JsonGenerator out, List<String> found, Iterator<String> replacements) {
        this.parser = parser;
        this.out = out;
        this.found = found;
        this.replacements = replacements;
    }

    /**
     * The texts of {@code json}, in document order.
     *
     * @throws IOException when it is not one JSON object
     */
    static List<String> read(byte[] json) throws IOException {
        List<String> texts = new ArrayList<>();
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            new TextTokens(parser, null, texts, null).document();
        }
        return texts;
    }

    /**
     * {@code json} with its texts replaced by {@code texts} (as many as {@link #read} gave, in its order).
     *
     * @throws IOException when it is not one JSON object
     */
    static byte[] write(byte[] json, List<String> texts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length + 64);
        Iterator<String> replacements = texts.iterator();
        try (JsonParser parser = Json.FACTORY.createParser(json);
             JsonGenerator out = Json.FACTORY.createGenerator(bytes)) {
            new TextTokens(parser, out, null, replacements).document();
        }
        if (replacements.hasNext()) {
            throw new IllegalArgumentException("more texts than the body holds");
        }
        return bytes.toByteArray();
    }

    private void document() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(parser, "not a JSON object");
        }
        container(JsonToken.START_OBJECT);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "trailing tokens after the object");
        }
    }

    /** The container whose start is the current token, through its end. */
    private void container(JsonToken start) throws IOException {
        copy();
        if (start == JsonToken.START_OBJECT) {
            fields();
        } else {
            elements();
        }
        copy();
    }

    private void fields() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            copy();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && ChatTexts.TEXT.contains(field)) {
                text();
            } else if (value.isStructStart() && ChatTexts.HOLDERS.contains(field)) {
                container(value);
            } else {
                pass();
            }
        }
    }

    private void elements() throws IOException {
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element == JsonToken.VALUE_STRING) {
                text();
            } else if (element.isStructStart()) {
                container(element);
            } else {
                copy();
            }
        }
    }

    private void text() throws IOException {
        if (out == null) {
            found.add(parser.getText());
        } else if (replacements.hasNext()) {
            out.writeString(replacements.next());
        } else {
            throw new IllegalArgumentException("fewer texts than the body holds");
        }
    }

    /** A value holding no text: skipped, or copied as it is. */
    private void pass() throws IOException {
        if (out == null) {
            parser.skipChildren();
        } else {
            out.copyCurrentStructureExact(parser);
        }
    }

    private void copy() throws IOException {
        if (out != null) {
            out.copyCurrentEventExact(parser);
        }
    }
}
