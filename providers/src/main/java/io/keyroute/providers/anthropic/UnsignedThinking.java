package io.keyroute.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Thinking blocks without a signature in an Anthropic caller's turns: another provider's reasoning,
 * which Keyroute handed the caller as a thinking block with an empty signature (the SDKs require the
 * field). Anthropic refuses such a block, so a conversation that moves to Anthropic (failover, a
 * route) sends its turns without them; signed blocks stay as they are.
 */
final class UnsignedThinking {
    private UnsignedThinking() {
    }

    /** Whether any assistant turn holds a thinking block with no or an empty signature. */
    static boolean present(JsonNode body) {
        for (JsonNode turn : body.path("messages")) {
            for (JsonNode block : turn.path("content")) {
                if (unsigned(block)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code body}'s messages without those blocks, into {@code out} (a copy: the caller's tree is never changed). */
    static void strip(JsonNode body, ObjectNode out) {
        ArrayNode messages = out.putArray("messages");
        for (JsonNode turn : body.path("messages")) {
            if (!turn.path("content").isArray()) {
                messages.add(turn);
                continue;
            }
            ObjectNode kept = messages.addObject();
            kept.setAll((ObjectNode) turn);
            ArrayNode content = kept.putArray("content");
            turn.path("content").forEach(block -> {
                if (!unsigned(block)) {
                    content.add(block);
                }
            });
        }
    }

    private static boolean unsigned(JsonNode block) {
        return "thinking".equals(block.path("type").asText()) && block.path("signature").asText("").isEmpty();
    }
}
