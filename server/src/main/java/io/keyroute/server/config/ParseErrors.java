package io.keyroute.server.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.keyroute.api.Secrets;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a Jackson YAML failure into one {@code FILE: field.path: what is wrong (line L, column C)}
 * line. Jackson's own messages quote the offending value, and a value may be a secret, so they are
 * never passed through: only field names, expected kinds and positions are reported.
 */
final class ParseErrors {
    private static final String DUPLICATE = "Duplicate field ";

    private ParseErrors() {
    }

    /** @param text the YAML that failed, to locate the field a mapping error names */
    static String describe(JsonProcessingException e, String source, String text, JsonFactory factory) {
        var yaml = causeOf(e, MarkedYAMLException.class);
        if (yaml != null && yaml.getProblem() != null) {
            // Only SnakeYAML's problem ("mapping values are not allowed here"): its full message,
            // like Jackson's, also quotes the source line.
            var mark = yaml.getProblemMark();
            return source + ": YAML syntax error: " + Secrets.scrub(yaml.getProblem())
                    + (mark == null ? "" : position(mark.getLine() + 1, mark.getColumn() + 1));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            var location = locate(m.getPath(), text, factory);
            return source + ": " + path(m.getPath()) + ": " + whatIsWrong(e)
                    + position(location != null ? location : e.getLocation());
        }
        return source + ": " + whatIsWrong(e) + position(e.getLocation());
    }

    private static String whatIsWrong(JsonProcessingException e) {
        if (causeOf(e, InputCoercionException.class) != null) {
            return "number out of range";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field (known: " + known(u.getKnownPropertyIds()) + ")";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + kind(m.getTargetType());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof NullPointerException) {
            return "has an empty entry";
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith(DUPLICATE)) {
            // Names the key, which is not a value: "Duplicate field 'port'".
            return "duplicate key " + message.substring(DUPLICATE.length());
        }
        return e instanceof JsonMappingException ? "has an invalid value" : "cannot be read as YAML";
    }

    /**
     * Where the key (or list entry) at {@code path} starts. Jackson reports where it noticed the
     * problem, which for records is the end of the enclosing mapping, so the path is walked again.
     */
    private static JsonLocation locate(List<JsonMappingException.Reference> path, String text, JsonFactory factory) {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken token = p.nextToken();
            JsonLocation at = null;
            for (var ref : path) {
                if (ref.getFieldName() != null && token == JsonToken.START_OBJECT) {
                    while ((token = p.nextToken()) == JsonToken.FIELD_NAME
                            && !ref.getFieldName().equals(p.currentName())) {
                        p.nextToken();
                        p.skipChildren();
                    }
                    if (token != JsonToken.FIELD_NAME) {
                        return null;
                    }
                    at = p.currentTokenLocation();
                    token = p.nextToken();
                } else if (ref.getIndex() >= 0 && token == JsonToken.START_ARRAY) {
                    for (int i = 0; i < ref.getIndex() && p.nextToken() != JsonToken.END_ARRAY; i++) {
                        p.skipChildren();
                    }
                    token = p.nextToken();
                    if (token == JsonToken.END_ARRAY) {
                        return null;
                    }
                    at = p.currentTokenLocation();
                } else {
                    return null;
                }
            }
            return at;
        } catch (IOException | RuntimeException e) {
            return null; // the position is a courtesy; the path already names the field
        }
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** {@code providers[1].base_url}, as the user wrote the keys. */
    private static String path(List<JsonMappingException.Reference> references) {
        var out = new StringBuilder();
        for (var ref : references) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (key: value)";
        }
        return "a value of another kind";
    }

    private static String position(JsonLocation location) {
        return location == null ? "" : position(location.getLineNr(), location.getColumnNr());
    }

    private static String position(int line, int column) {
        return line < 1 ? "" : " (line " + line + ", column " + column + ")";
    }
}
