package io.keyroute.api.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.ClientError;
import java.util.ArrayList;
import java.util.List;

/** Small, strict helpers the wire readers and writers share: typed field access and serialisation. */
public final class JsonFields {
    private JsonFields() {
    }

    /** A text field, or null when absent or JSON null; a 400 naming {@code param} when of another type. */
    public static String text(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(param, "a string");
        }
        return v.asText();
    }

    /** A text field of {@code where} that must be there: a 400 naming {@code where.field} when absent or not text. */
    public static String requiredText(JsonNode node, String field, String where) {
        String value = text(node, field, where + "." + field);
        if (value == null) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + "." + field + "' is required.",
                    where + "." + field);
        }
        return value;
    }

    public static Double number(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw invalid(param, "a number");
        }
        return v.doubleValue();
    }

    public static Integer integer(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw invalid(param, "an integer");
        }
        return v.intValue();
    }

    public static Long longValue(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw invalid(param, "an integer");
        }
        return v.longValue();
    }

    public static Boolean bool(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw invalid(param, "a boolean");
        }
        return v.booleanValue();
    }

    /** An array field's elements (empty when absent); a 400 when of another type. */
    public static List<JsonNode> array(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(param, "an array");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    /** A string or an array of strings, as a list (OpenAI's {@code stop}). */
    public static List<String> strings(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : array(node, field, param)) {
            if (!s.isTextual()) {
                throw invalid(param, "a string or an array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }

    public static ClientError invalid(String param, String what) {
        return ClientError.badRequest("invalid_type", "'" + param + "' must be " + what + ".", param);
    }

    /** Parses JSON text that a model or client wrote (tool arguments); not JSON → it is kept as a string. */
    public static JsonNode parseLenient(String json) {
        if (json == null || json.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    public static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serialises", e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serialises", e);
        }
    }

    public static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** A provider's answer or event, which must be a JSON object; an {@link java.io.UncheckedIOException} otherwise. */
    public static JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new java.io.UncheckedIOException(new java.io.IOException("not a JSON object"));
        }
        return node;
    }

    public static JsonNode parse(String body) {
        return parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A provider's stream event as JSON, or null after sending {@code out} the error event that
     * ends a stream the provider garbled: every stream reader handles a bad event the same way.
     */
    public static JsonNode parseEvent(String data, java.util.function.Consumer<StreamEvent> out) {
        try {
            return parse(data);
        } catch (java.io.UncheckedIOException e) {
            out.accept(new StreamEvent.Error(ErrorType.UPSTREAM, "the provider sent an unreadable stream event"));
            return null;
        }
    }
}
