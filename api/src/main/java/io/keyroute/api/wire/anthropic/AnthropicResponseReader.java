package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** An Anthropic {@code message} → {@link CanonicalResponse}; thinking blocks are reasoning with their signature, redacted ones redacted reasoning. */
public final class AnthropicResponseReader {
    private AnthropicResponseReader() {
    }

    /** A thinking block's signature; null when it has none (an empty one is none: a block no provider signed). */
    static String signature(JsonNode block) {
        String signature = block.path("signature").asText("");
        return signature.isEmpty() ? null : signature;
    }

    public static CanonicalResponse read(byte[] body) {
        JsonNode root = JsonFields.parse(body);
        List<Part> content = new ArrayList<>();
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> content.add(new Part.Text(block.path("text").asText("")));
                case "thinking" -> {
                    String thinking = block.path("thinking").asText("");
                    String signature = signature(block);
                    if (!thinking.isEmpty() || signature != null) {
                        content.add(new Part.Reasoning(thinking, signature));
                    }
                }
                case "redacted_thinking" -> content.add(new Part.RedactedReasoning(block.path("data").asText("")));
                case "tool_use" -> content.add(new Part.ToolCall(block.path("id").asText(null),
                        block.path("name").asText(""), JsonFields.write(block.path("input").isMissingNode()
                                ? JsonFields.object() : block.path("input"))));
                default -> {
                    // server tool blocks: no place in other formats
                }
            }
        }
        Usage usage = root.path("usage").isObject() ? AnthropicStopReasons.readUsage(root.path("usage")) : Usage.NONE;
        String stopSequence = root.path("stop_sequence").isTextual() ? root.path("stop_sequence").asText() : null;
        return new CanonicalResponse(root.path("id").asText(null), root.path("model").asText(null), content,
                AnthropicStopReasons.read(root.path("stop_reason").asText(null)), stopSequence, usage);
    }
}
