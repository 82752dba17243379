package io.keyroute.routing.complexity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link ChatShape} read once from a chat request's JSON body, either wire format: OpenAI Chat
 * Completions and Anthropic Messages share {@code messages} (string or parts content, {@code image_url}
 * or {@code image} parts, {@code file} or {@code document} parts), {@code tools}, {@code max_tokens} and {@code stream}; what only one has
 * ({@code tool_calls}, {@code response_format}, {@code max_completion_tokens}) is simply absent in the other.
 */
public record ChatBodyShape(List<String> texts, String lastUserText, int turns, int images, int documents, int tools,
                              int toolDefinitionChars, boolean wantsJson, OptionalInt maxOutputTokens,
                              boolean stream) implements ChatShape {

    public static ChatBodyShape of(ObjectNode body) {
        List<String> texts = new ArrayList<>();
        String lastUser = "";
        int turns = 0;
        int images = 0;
        int documents = 0;
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            if (!role.equals("system") && !role.equals("developer")) {
                turns++;
            }
            JsonNode content = message.path("content");
            JsonNode calls = message.path("tool_calls");
            String own;
            if (content.isTextual() && calls.isEmpty()) {
                own = content.asText(); // the parsed body's own string: a prompt is not copied
            } else {
                images += imageParts(content);
                documents += documentParts(content);
                own = partsText(content, calls);
            }
            texts.add(own);
            if (role.equals("user")) {
                lastUser = own;
            }
        }
        JsonNode tools = body.path("tools");
        String format = body.path("response_format").path("type").asText("");
        JsonNode limit = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return new ChatBodyShape(List.copyOf(texts), lastUser, turns, images, documents, tools.size(),
                tools.isEmpty() ? 0 : tools.toString().length(),
                format.equals("json_object") || format.equals("json_schema"),
                limit != null && limit.canConvertToInt() ? OptionalInt.of(limit.asInt()) : OptionalInt.empty(),
                body.path("stream").asBoolean(false));
    }

    /** The text of a message made of parts and/or tool calls: each text part and call's arguments, a line each. */
    private static String partsText(JsonNode content, JsonNode calls) {
        StringBuilder text = new StringBuilder();
        if (content.isTextual()) {
            text.append(content.asText());
        }
        for (JsonNode part : content) {
            if (part.path("type").asText("").equals("text")) {
                text.append(part.path("text").asText("")).append('\n');
            }
        }
        for (JsonNode call : calls) {
            text.append(call.path("function").path("arguments").asText("")).append('\n');
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
