package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.RawBody;
import io.keyroute.api.wire.JsonBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Parses an OpenAI request body into its tree and, in the same pass, finds the byte span of the
 * top-level {@code "model"} string ({@link RawBody}). The top level is walked here and each value
 * read by Jackson's own tree deserializer, so the tree is the one {@code readTree} builds, at the
 * same cost (CPU-time ratio 1.00 against {@code readTree}, {@code PassThroughCpuLoop}); a second,
 * streaming scan of the bytes with {@code skipChildren} after {@code readTree} made reading 1.6x as
 * costly. Shared by every OpenAI-shaped request (Chat Completions, Responses). Anything unusual (not an object, a duplicate top-level key, trailing content) goes
 * through the plain {@code readTree}, which gives today's tree or error.
 */
public final class SplicableBodies {
    private static final JsonDeserializer<Object> NODES = nodeDeserializer();

    /** The tree, and the caller's bytes when the model can be spliced into them (else null). */
    public record Parsed(ObjectNode tree, RawBody raw) {
    }

    private SplicableBodies() {
    }

    public static Parsed parse(byte[] body) {
        return parse(body, null);
    }

    /**
     * As {@link #parse(byte[])}, and where each item of the top-level array {@code itemsOf} is in the bytes
     * ({@link RawBody#items}), found in the same pass: a kept Responses request's input items are kept as sent,
     * and a second scan of the bytes for them was a fifth of keeping one.
     */
    public static Parsed parse(byte[] body, String itemsOf) {
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return unsplicable(body);
            }
            long objectStart = p.currentTokenLocation().getByteOffset();
            DeserializationContext ctxt = context(p);
            ObjectNode root = ctxt.getNodeFactory().objectNode();
            long modelStart = -1;
            long modelEnd = -1;
            int[] items = null;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken token = p.nextToken();
                boolean model = token == JsonToken.VALUE_STRING && "model".equals(name);
                long start = model ? p.currentTokenLocation().getByteOffset() : -1;
                JsonNode value;
                if (token == JsonToken.START_ARRAY && name.equals(itemsOf)) {
                    ArrayNode array = ctxt.getNodeFactory().arrayNode();
                    items = items(p, ctxt, array);
                    value = array;
                } else {
                    value = (JsonNode) NODES.deserialize(p, ctxt);
                }
                if (root.replace(name, value) != null) {
                    return unsplicable(body);
                }
                if (model) {
                    modelStart = start;
                    modelEnd = p.currentLocation().getByteOffset();
                }
            }
            if (p.nextToken() != null) {
                return unsplicable(body);
            }
            // Offsets are -1 when Jackson decoded another encoding (UTF-16/32): not splicable.
            RawBody raw = RawBody.frames(body, objectStart, modelStart, modelEnd) && noByteOrderMark(body)
                    ? new RawBody(body, root, (int) objectStart, (int) modelStart, (int) modelEnd, items) : null;
            return new Parsed(root, raw);
        } catch (JacksonException e) {
            throw JsonBodies.invalidJson(e);
        } catch (IOException e) {
            throw JsonBodies.unreadable();
        }
    }

    /**
     * Reads the array the parser just entered into {@code array}, each item by Jackson's own deserializer (so the
     * tree is {@code readTree}'s); returns where each item starts and ends in the bytes.
     */
    private static int[] items(JsonParser p, DeserializationContext ctxt, ArrayNode array) throws IOException {
        int[] spans = new int[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == spans.length) {
                spans = Arrays.copyOf(spans, n * 2);
            }
            spans[n++] = (int) p.currentTokenLocation().getByteOffset();
            array.add((JsonNode) NODES.deserialize(p, ctxt));
            spans[n++] = (int) p.currentLocation().getByteOffset();
        }
        return Arrays.copyOf(spans, n);
    }

    /**
     * Jackson skips a UTF-8 byte order mark, and the re-serialised body never had one; some upstream
     * parsers (Go's encoding/json, behind Ollama and others) reject it, so such a body is not spliced.
     */
    private static boolean noByteOrderMark(byte[] body) {
        return body.length < 3 || body[0] != (byte) 0xEF || body[1] != (byte) 0xBB || body[2] != (byte) 0xBF;
    }

    private static Parsed unsplicable(byte[] body) {
        return new Parsed(JsonBodies.parseObject(body), null);
    }

    /** A deserialization context like the one {@code readTree} makes for each call. */
    private static DeserializationContext context(JsonParser p) {
        return ((DefaultDeserializationContext) Json.MAPPER.getDeserializationContext())
                .createInstance(Json.MAPPER.getDeserializationConfig(), p, Json.MAPPER.getInjectableValues());
    }

    /** The mapper's {@link JsonNode} deserializer (shared and thread-safe, like all deserializers). */
    private static JsonDeserializer<Object> nodeDeserializer() {
        try (JsonParser p = Json.MAPPER.createParser("{}")) {
            return context(p).findRootValueDeserializer(Json.MAPPER.constructType(JsonNode.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
