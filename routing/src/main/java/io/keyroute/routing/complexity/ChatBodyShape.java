package io.keyroute.routing.complexity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.wire.JsonSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link ChatShape} read once from a chat request's JSON body, either wire format: OpenAI Chat
 * Completions and Anthropic Messages share {@code messages} (string or parts content, {@code image_url}
 * or {@code image} parts, {@code file} or {@code document} parts), {@code tools}, {@code max_tokens} and {@code stream}; what only one has
 * ({@code tool_calls}, {@code response_format}, {@code max_completion_tokens}; Anthropic's top-level
 * {@code system}, {@code tool_use} and {@code tool_result} parts) is simply absent in the other.
 * Its texts are the parsed body's own strings, a text part, a tool call's arguments or a tool result
 * each: a long conversation is read, not copied (only an Anthropic {@code tool_use}'s input, a JSON
 * object in the body, is written out as the model reads it).
 */
public record ChatBodyShape(List<String> texts, String lastUserText, int turns, int images, int documents, int tools,
                              int toolDefinitionChars, boolean wantsJson, OptionalInt maxOutputTokens,
                              boolean stream) implements ChatShape {

    public static ChatBodyShape of(ObjectNode body) {
        List<String> texts = new ArrayList<>();
        addTexts(body.path("system"), texts); // Anthropic's system prompt (OpenAI's is a message)
        JsonNode lastUser = MissingNode.getInstance();
        int turns = 0;
        int images = 0;
        int documents = 0;
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            if (!role.equals("system") && !role.equals("developer")) {
                turns++;
            }
            JsonNode content = message.path("content");
            images += imageParts(content);
            documents += documentParts(content);
            addTexts(content, texts);
            for (JsonNode call : message.path("tool_calls")) {
                texts.add(call.path("function").path("arguments").asText(""));
            }
            if (role.equals("user") && !onlyToolResults(content)) {
                lastUser = content;
            }
        }
        JsonNode tools = body.path("tools");
        String format = body.path("response_format").path("type").asText("");
        JsonNode limit = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return new ChatBodyShape(List.copyOf(texts), userText(lastUser), turns, images, documents, tools.size(),
                tools.isEmpty() ? 0 : (int) JsonSizes.chars(tools),
                format.equals("json_object") || format.equals("json_schema"),
                limit != null && limit.canConvertToInt() ? OptionalInt.of(limit.asInt()) : OptionalInt.empty(),
                body.path("stream").asBoolean(false));
    }

    /** The texts of a content, string or parts: text parts, and Anthropic's tool results, tool-use inputs and plain-text documents. */
    private static void addTexts(JsonNode content, List<String> texts) {
        if (content.isTextual()) {
            texts.add(content.textValue()); // the parsed body's own string: a prompt is not copied
            return;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> texts.add(part.path("text").asText(""));
                case "tool_result" -> addTexts(part.path("content"), texts);
                case "tool_use" -> texts.add(part.path("input").toString());
                case "document" -> addTexts(part.path("source").path("type").asText("").equals("text")
                        ? part.path("source").path("data") : MissingNode.getInstance(), texts);
                default -> {
                }
            }
        }
    }

    /** An Anthropic user turn that only carries tool results: OpenAI's {@code tool} messages, not the user's words. */
    private static boolean onlyToolResults(JsonNode content) {
        if (!content.isArray() || content.isEmpty()) {
            return false;
        }
        for (JsonNode part : content) {
            if (!part.path("type").asText("").equals("tool_result")) {
                return false;
            }
        }
        return true;
    }

    /** A user message's own words: its string, or its text parts a line each. */
    private static String userText(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("type").asText("").equals("text")) {
                text.append(part.path("text").asText("")).append('\n');
            }
        }
        return text.toString();
    }

    private static int imageParts(JsonNode content) {
        int images = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            if (type.equals("image_url") || type.equals("image")) {
                images++;
            }
        }
        return images;
    }

    /** OpenAI's {@code file} parts and Anthropic's PDF {@code document}s (base64 or url; text and content are text). */
    private static int documentParts(JsonNode content) {
        int documents = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            String source = part.path("source").path("type").asText("");
            if (type.equals("file") || type.equals("document") && (source.equals("base64") || source.equals("url"))) {
                documents++;
            }
        }
        return documents;
    }
}
