package io.keyroute.api.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON written straight to a generator rather than built as a tree and serialised: the bytes of a body, and a
 * caller's nodes within it written as the mapper writes a tree. The writers whose trees were most of their
 * allocation (a translated Response, a translated upstream request) share these.
 */
public final class GeneratedJson {
    private GeneratedJson() {
    }

    /** What writes one JSON value to a generator. */
    @FunctionalInterface
    public interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * What {@code writing} writes, as UTF-8 bytes: into a pooled buffer, as {@code ObjectMapper.writeValueAsBytes}
     * does, so only the result's own array is new. A runtime exception {@code writing} throws passes unchanged.
     */
    public static byte[] bytes(Writing writing) {
        BufferRecycler recycler = Json.FACTORY._getBufferRecycler();
        try (var out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = Json.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
                writing.write(g);
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * {@code node} (null: JSON null) as the mapper writes a tree (its default features): walked here, because
     * {@code writeTree} makes a serializer provider per call; a node of a kind a JSON request does not parse into
     * (big or decimal numbers, binary, POJO) goes to the mapper.
     */
    public static void tree(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null) {
            g.writeNull();
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    tree(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    tree(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> number(g, node);
            default -> g.writeTree(node);
        }
    }

    private static void number(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> g.writeNumber(node.intValue());
            case LONG -> g.writeNumber(node.longValue());
            case DOUBLE -> g.writeNumber(node.doubleValue());
            default -> g.writeTree(node);
        }
    }
}
