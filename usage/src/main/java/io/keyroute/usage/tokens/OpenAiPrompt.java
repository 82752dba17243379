package io.keyroute.usage.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the prompt of an OpenAI Chat Completions body ({@code messages}, {@code tools}): string
 * or part-list content, {@code image_url} parts with their {@code detail}, the assistant's
 * {@code tool_calls} (function name and arguments). Parts of other types (audio, files) are not
 * counted: their price is not per text token.
 */
public final class OpenAiPrompt {
    private OpenAiPrompt() {
    }

    public static Prompt read(JsonNode body) {
        List<Prompt.Turn> turns = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            turns.add(turn(message));
        }
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tools.add(tool.toString());
        }
        return new Prompt(turns, tools);
    }

    private static Prompt.Turn turn(JsonNode message) {
        List<String> texts = new ArrayList<>();
        List<ImageDetail> images = new ArrayList<>();
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            texts.add(content.asText());
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> texts.add(part.path("text").asText(""));
                case "image_url" -> images.add(ImageDetail.of(part.path("image_url").path("detail").asText(null)));
                default -> { } // audio, files: not priced per text token
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            texts.add(call.path("function").path("name").asText(""));
            texts.add(call.path("function").path("arguments").asText(""));
        }
        String name = message.path("name").isTextual() ? message.get("name").asText() : null;
        return new Prompt.Turn(message.path("role").asText(""), name, texts, images);
    }
}
