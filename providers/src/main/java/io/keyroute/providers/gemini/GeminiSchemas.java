package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Gemini's {@code Schema} is a subset of OpenAPI 3 with upper-case type names
 * ({@code OBJECT}, {@code STRING}…): JSON Schema keywords it rejects are dropped, type names are
 * upper-cased, and a type list such as {@code ["string","null"]} becomes {@code STRING} with
 * {@code nullable: true}. A copy is made; the caller's schema is not modified.
 */
final class GeminiSchemas {
    private static final Set<String> UNSUPPORTED = Set.of("$schema", "additionalProperties", "strict", "$id",
            "$defs", "definitions", "$ref", "$comment");

    private GeminiSchemas() {
    }

    static JsonNode clean(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        normalise(copy);
        return copy;
    }

    private static void normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(UNSUPPORTED);
            JsonNode type = object.get("type");
            if (type != null && type.isTextual()) {
                object.put("type", type.asText().toUpperCase(Locale.ROOT));
            } else if (type != null && type.isArray()) {
                String chosen = null;
                boolean nullable = false;
                for (JsonNode t : type) {
                    if ("null".equals(t.asText())) {
                        nullable = true;
                    } else if (chosen == null) {
                        chosen = t.asText();
                    }
                }
                object.put("type", (chosen == null ? "null" : chosen).toUpperCase(Locale.ROOT));
                if (nullable) {
                    object.put("nullable", true);
                }
            }
            // "properties" maps names to schemas; a property may be called "type" without being one
            JsonNode properties = object.get("properties");
            object.properties().forEach(e -> {
                if (!e.getKey().equals("properties")) {
                    normalise(e.getValue());
                }
            });
            if (properties instanceof ObjectNode props) {
                props.properties().forEach(e -> normalise(e.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(GeminiSchemas::normalise);
        }
    }
}
