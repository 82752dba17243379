package io.keyroute.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mock's deterministic answer to an OpenAI-shaped request, in OpenAI's wire format: the same
 * request always gets the same words and the same token counts (prompt: one token per four
 * characters of message text; completion: one per word).
 */
final class MockCompletion {
    private static final int ECHOED_WORDS = 12;

    private final String id;
    private final String model;
    private final long created;
    private final List<String> words;
    private final long promptTokens;

    MockCompletion(JsonNode request, String id, long created) {
        this.id = id;
        this.model = request.path("model").asText();
        this.created = created;
        this.words = replyWords(request.path("messages"));
        this.promptTokens = Math.max(1, (textLength(request.path("messages")) + 3) / 4);
    }

    ObjectNode completion() {
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", String.join(" ", words));
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        root.set("usage", usage());
        return root;
    }

    /** Role chunk, one chunk per word, the finish chunk, and (when asked) the usage chunk. */
    List<ObjectNode> chunks(boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>(words.size() + 3);
        chunks.add(chunk(delta -> {
            delta.put("role", "assistant");
            delta.put("content", "");
        }, null, includeUsage));
        for (int i = 0; i < words.size(); i++) {
            String piece = i == 0 ? words.get(i) : " " + words.get(i);
            chunks.add(chunk(delta -> delta.put("content", piece), null, includeUsage));
        }
        chunks.add(chunk(delta -> { }, "stop", includeUsage));
        if (includeUsage) {
            ObjectNode last = header("chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage());
            chunks.add(last);
        }
        return chunks;
    }

    private ObjectNode chunk(java.util.function.Consumer<ObjectNode> fillDelta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = header("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        fillDelta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode header(String object) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        root.put("system_fingerprint", "fp_keyroute_mock");
        return root;
    }

    private ObjectNode usage() {
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", words.size());
        usage.put("total_tokens", promptTokens + words.size());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }

    private static List<String> replyWords(JsonNode messages) {
        String lastUser = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                lastUser = text(message.path("content"));
            }
        }
        List<String> echoed = Arrays.stream(lastUser.trim().split("\\s+")).filter(w -> !w.isEmpty())
                .limit(ECHOED_WORDS).toList();
        List<String> reply = new ArrayList<>(List.of("Mock", "reply", "to:"));
        reply.addAll(echoed.isEmpty() ? List.of("(nothing)") : echoed);
        return reply;
    }

    private static long textLength(JsonNode messages) {
        long length = 0;
        for (JsonNode message : messages) {
            length += text(message.path("content")).length();
        }
        return length;
    }

    /** A message's text, whether content is a string or an array of parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content instanceof ArrayNode parts) {
            var sb = new StringBuilder();
            for (JsonNode part : parts) {
                if ("text".equals(part.path("type").asText())) {
                    sb.append(part.path("text").asText()).append(' ');
                }
            }
            return sb.toString();
        }
        return "";
    }
}
