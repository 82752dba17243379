package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;

/**
 * {@link CanonicalResponse} → an Anthropic {@code message}. Reasoning is a thinking block (its
 * signature empty when no provider signed it: the SDKs require the field), redacted reasoning a
 * redacted_thinking block.
 */
public final class AnthropicResponseWriter {
    private AnthropicResponseWriter() {
    }

    public static byte[] write(CanonicalResponse res) {
        ObjectNode root = JsonFields.object();
        root.put("id", messageId(res.id()));
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", res.model());
        ArrayNode content = root.putArray("content");
        for (Part p : res.content()) {
            switch (p) {
                case Part.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case Part.ToolCall c -> {
                    JsonNode input = JsonFields.parseLenient(c.arguments());
                    content.addObject().put("type", "tool_use").put("id", toolUseId(c.id())).put("name", c.name())
                            .set("input", input.isObject() ? input : JsonFields.object());
                }
                case Part.Reasoning r -> content.addObject().put("type", "thinking").put("thinking", r.text())
                        .put("signature", r.signature() == null ? "" : r.signature());
                case Part.RedactedReasoning r -> content.addObject().put("type", "redacted_thinking").put("data", r.data());
                default -> {
                    // images, tool results: not in an answer
                }
            }
        }
        root.put("stop_reason", AnthropicStopReasons.write(res.finishReason(), res.stopSequence()));
        root.put("stop_sequence", res.stopSequence());
        AnthropicStopReasons.writeUsage(root.putObject("usage"), res.usage());
        return JsonFields.bytes(root);
    }

    /** Anthropic's ids start {@code msg_}; another provider's id is kept after the prefix. */
    static String messageId(String id) {
        if (id == null || id.isEmpty()) {
            return "msg_keyroute";
        }
        return id.startsWith("msg_") ? id : "msg_" + id;
    }

    /** Tool-use ids are passed back by the client as they are, so they stay exactly as the provider made them. */
    static String toolUseId(String id) {
        return id == null || id.isEmpty() ? "toolu_keyroute" : id;
    }
}
