package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The text of the JSON value a parser stands on, as {@link com.fasterxml.jackson.databind.JsonNode#asText(String)}
 * gives it from a tree of the same JSON: a reader that streams an answer reads its odd values (a number where a
 * string belongs, an object) exactly as the tree reader before it did.
 */
final class NodeText {
    private NodeText() {
    }

    /**
     * A string as it is; a number as its node prints it (the integer's digits, a double's {@link Double#toString});
     * {@code true} or {@code false}; an object or an array (skipped) the empty text; null {@code otherwise}.
     */
    static String of(JsonParser parser, String otherwise) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> Integer.toString(parser.getIntValue());
                case LONG -> Long.toString(parser.getLongValue());
                default -> parser.getBigIntegerValue().toString();
            };
            case VALUE_NUMBER_FLOAT -> Double.toString(parser.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield "";
            }
            default -> otherwise;
        };
    }

    /** A string's text; null for any other value (skipped), as {@link com.fasterxml.jackson.databind.JsonNode#textValue()}. */
    static String ofString(JsonParser parser) throws IOException {
        if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
