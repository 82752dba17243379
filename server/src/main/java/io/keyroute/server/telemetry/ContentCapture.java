package io.keyroute.server.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.util.List;

/**
 * Prompts and answers in the GenAI conventions' message shape ({@code [{"role", "parts": [{"type":
 * "text", "content"}]}]}), read from the caller's API shape: Chat Completions ({@code messages},
 * {@code choices}), Anthropic Messages ({@code system}, {@code messages}, {@code content}) and
 * Responses ({@code instructions}, {@code input}, {@code output}). Text is kept; any other part
 * (an image, a tool call, a document) is named by its type only, so no file's bytes reach a trace.
 * (What an answer says of itself, its model and why it stopped, is {@link AnswerFacts}.)
 */
final class ContentCapture {
    private ContentCapture() {
    }

    /** The chat's messages as {@code gen_ai.input.messages}: its system text first, then each message in order. */
    static String inputMessages(JsonNode body) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        for (String system : List.of("system", "instructions")) {
            if (body.hasNonNull(system)) {
                messages.add(message("system", body.get(system)));
            }
        }
        JsonNode input = body.has("messages") ? body.get("messages") : body.get("input");
        if (input != null && input.isTextual()) {
            messages.add(message("user", input));
        } else if (input != null) {
            for (JsonNode item : input) {
                messages.add(message(item.path("role").asText(item.path("type").asText("user")), item.get("content")));
            }
        }
        return messages.toString();
    }

    /** A whole answer's choices as {@code gen_ai.output.messages}, each with its finish reason. */
    static String outputMessages(JsonNode answer) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        if (answer.has("choices")) {
            for (JsonNode choice : answer.get("choices")) {
                messages.add(message("assistant", choice.path("message").get("content"))
                        .put("finish_reason", choice.path("finish_reason").asText("")));
            }
        } else if (answer.has("output")) {
            for (JsonNode item : answer.get("output")) {
                messages.add(message(item.path("role").asText("assistant"), item.get("content")));
            }
        } else {
            messages.add(message("assistant", answer.get("content"))
                    .put("finish_reason", answer.path("stop_reason").asText("")));
        }
        return messages.toString();
    }

    /** Whether a streamed event is one that says how a choice ended or which model answered (cheap: no parse). */
    static boolean endsAChoice(String event, String data) {
        if (event != null) {
            return event.equals("message_start") || event.equals("message_delta") || event.equals("response.completed")
                    || event.equals("response.incomplete");
        }
        return data.contains("\"finish_reason\":\"");
    }

    /** A JSON answer read back, or null when it is none (an embeddings answer is read too: it names its model). */
    static JsonNode read(byte[] answer) {
        try {
            return Json.MAPPER.readTree(answer);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ObjectNode message(String role, JsonNode content) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("role", role);
        ArrayNode parts = message.putArray("parts");
        if (content == null || content.isNull()) {
            return message;
        }
        if (content.isTextual()) {
            parts.addObject().put("type", "text").put("content", content.asText());
            return message;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("text");
            if (part.hasNonNull("text") && part.get("text").isTextual()) {
                parts.addObject().put("type", "text").put("content", part.get("text").asText());
            } else {
                parts.addObject().put("type", type);
            }
        }
        return message;
    }
}
