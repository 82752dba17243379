package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.canonical.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code message} of a chat answer's first choice, read token by token ({@link OpenAiResponseReader}). Each
 * field reads as the tree reader before it read it, a field given twice as given last: {@code reasoning_content}
 * and {@code refusal} only as strings, {@code content} as any value's text but null, and {@code tool_calls} as an
 * array's elements or, as a tree iterates one, an object's values.
 *
 * @param reasoning the {@code reasoning_content} of OpenAI-compatible reasoning servers (DeepSeek, vLLM), or null
 * @param content   the answer's text, or null when absent or JSON null
 * @param refusal   the model's refusal, the text of an answer without {@code content}, or null
 */
record AnswerMessage(String reasoning, String content, String refusal, List<Part.ToolCall> toolCalls) {
    static final AnswerMessage NONE = new AnswerMessage(null, null, null, List.of());

    /** The message the parser stands on, read to its end; any other value (skipped) is no message. */
    static AnswerMessage read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return NONE;
        }
        String reasoning = null;
        String content = null;
        String refusal = null;
        List<Part.ToolCall> toolCalls = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "reasoning_content" -> reasoning = NodeText.ofString(parser);
                case "content" -> content = NodeText.of(parser, null);
                case "refusal" -> refusal = NodeText.ofString(parser);
                case "tool_calls" -> toolCalls = toolCalls(parser);
                default -> parser.skipChildren();
            }
        }
        return new AnswerMessage(reasoning, content, refusal, toolCalls);
    }

    /** Reasoning (when not empty), then the text or else the refusal, then the tool calls. */
    List<Part> parts() {
        List<Part> parts = new ArrayList<>(2 + toolCalls.size());
        if (reasoning != null && !reasoning.isEmpty()) {
            parts.add(Part.Reasoning.unsigned(reasoning));
        }
        if (content != null) {
            parts.add(new Part.Text(content));
        } else if (refusal != null) {
            parts.add(new Part.Text(refusal));
        }
        parts.addAll(toolCalls);
        return parts;
    }

    private static List<Part.ToolCall> toolCalls(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_ARRAY -> {
                List<Part.ToolCall> calls = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    calls.add(toolCall(parser));
                }
                return calls;
            }
            case START_OBJECT -> {
                // A repeated key keeps its first place with its last value, as in a tree's object.
                Map<String, Part.ToolCall> calls = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    calls.put(key, toolCall(parser));
                }
                return new ArrayList<>(calls.values());
            }
            default -> {
                parser.skipChildren();
                return List.of();
            }
        }
    }

    /** A call of a function; any value is one (of no name and no arguments when not an object). */
    private static Part.ToolCall toolCall(JsonParser parser) throws IOException {
        String id = null;
        Function function = Function.NONE;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return function.call(id);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> id = NodeText.of(parser, null);
                case "function" -> function = Function.read(parser);
                default -> parser.skipChildren();
            }
        }
        return function.call(id);
    }

    /** A tool call's {@code function}: its name ({@code ""} when none) and the JSON text of its arguments. */
    private record Function(String name, String arguments) {
        static final Function NONE = new Function("", "{}");

        static Function read(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return NONE;
            }
            String name = NONE.name;
            String arguments = NONE.arguments;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = NodeText.of(parser, NONE.name);
                    case "arguments" -> arguments = NodeText.of(parser, NONE.arguments);
                    default -> parser.skipChildren();
                }
            }
            return new Function(name, arguments);
        }

        Part.ToolCall call(String id) {
            return new Part.ToolCall(id, name, arguments);
        }
    }
}
