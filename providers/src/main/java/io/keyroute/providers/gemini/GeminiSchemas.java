package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Gemini's {@code Schema} is a subset of OpenAPI 3; JSON Schema keywords it rejects are dropped
 * (a copy is made; the caller's schema is not modified).
 */
final class GeminiSchemas {
    private static final Set<String> UNSUPPORTED = Set.of("$schema", "additionalProperties", "strict", "$id",
            "$defs", "definitions", "$ref", "$comment");

    private GeminiSchemas() {
    }

    static JsonNode clean(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(UNSUPPORTED);
            object.properties().forEach(e -> strip(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(GeminiSchemas::strip);
        }
    }
}
