package io.keyroute.server.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The texts a person or a model wrote in a chat body, in any of the three APIs' shapes, requests and
 * answers alike: message contents and their text parts, system prompts and instructions, tool-call
 * arguments and tool results (OpenAI Chat Completions {@code messages[].content}, Anthropic
 * {@code system} and {@code content[].text}, Responses {@code instructions}, {@code input[].content[].text},
 * {@code function_call_output.output}; answers' {@code choices[].message.content}, {@code content[].text},
 * {@code output[].content[].text}). Only those: a model name, an id, an image's bytes, a tool's schema is
 * never read as text, so a redaction cannot break the request's shape.
 *
 * <p>A body is never edited in place (the caller's tree may be shared, see {@link io.keyroute.api.ChatRequest}):
 * {@link #with} makes a copy carrying the new texts. A body that is still bytes (an answer) is read as bytes,
 * with no tree ({@link TextTokens}).
 */
public final class ChatTexts {
    /** Fields whose string value is a text. */
    static final Set<String> TEXT = Set.of("content", "text", "system", "instructions", "input", "arguments",
            "output", "refusal");
    /** Fields whose object or array value holds texts further down. */
    static final Set<String> HOLDERS = Set.of("messages", "content", "system", "input", "tool_calls",
            "function", "output", "choices", "message", "delta", "part", "item", "response");

    private ChatTexts() {
    }

    /** The texts of {@code body}, in document order. */
    public static List<String> of(ObjectNode body) {
        List<String> texts = new ArrayList<>();
        visit(body, new Visitor() {
            @Override
            public void text(ObjectNode parent, String field, String text) {
                texts.add(text);
            }

            @Override
            public void text(ArrayNode parent, int index, String text) {
                texts.add(text);
            }
        });
        return texts;
    }

    /**
     * The texts of the JSON object {@code body}, in document order, read without a tree.
     *
     * @throws IOException when it is not one JSON object
     */
    public static List<String> of(byte[] body) throws IOException {
        return TextTokens.read(body);
    }

    /**
     * {@code body} (a JSON object) with its texts replaced by {@code texts} (as many as {@link #of(byte[])} gave, in
     * its order), every other token copied as it is.
     *
     * @throws IOException when it is not one JSON object
     */
    public static byte[] with(byte[] body, List<String> texts) throws IOException {
        return TextTokens.write(body, texts);
    }

    /** A copy of {@code body} whose texts are {@code texts} (as many as {@link #of} gave, in its order). */
    public static ObjectNode with(ObjectNode body, List<String> texts) {
        ObjectNode copy = body.deepCopy();
        int[] next = {0};
        visit(copy, new Visitor() {
            @Override
            public void text(ObjectNode parent, String field, String text) {
                parent.put(field, texts.get(next[0]++));
            }

            @Override
            public void text(ArrayNode parent, int index, String text) {
                parent.set(index, texts.get(next[0]++));
            }
        });
        if (next[0] != texts.size()) {
            throw new IllegalArgumentException(texts.size() + " texts for a body of " + next[0]);
        }
        return copy;
    }

    private interface Visitor {
        void text(ObjectNode parent, String field, String text);

        void text(ArrayNode parent, int index, String text);
    }

    private static void visit(JsonNode node, Visitor visitor) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    if (TEXT.contains(field.getKey())) {
                        visitor.text(object, field.getKey(), value.textValue());
                    }
                } else if (value.isContainerNode() && HOLDERS.contains(field.getKey())) {
                    visit(value, visitor);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual()) {
                    visitor.text(array, i, element.textValue());
                } else {
                    visit(element, visitor);
                }
            }
        }
    }
}
