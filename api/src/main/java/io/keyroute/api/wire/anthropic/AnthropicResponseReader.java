package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** An Anthropic {@code message} → {@link CanonicalResponse}; thinking blocks are reasoning (without their signature). */
public final class AnthropicResponseReader {
    private AnthropicResponseReader() {
    }

    public static CanonicalResponse read(byte[] body) {
        JsonNode root = JsonFields.parse(body);
        List<Part> content = new ArrayList<>();
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> content.add(new Part.Text(block.path("text").asText("")));
                case "thinking" -> {
                    String thinking = block.path("thinking").asText("");
                    if (!thinking.isEmpty()) {
                        content.add(new Part.Reasoning(thinking));
                    }
                }
                case "tool_use" -> content.add(new Part.ToolCall(block.path("id").asText(null),
                        block.path("name").asText(""), JsonFields.write(block.path("input").isMissingNode()
                                ? JsonFields.object() : block.path("input"))));
                default -> {
                    // redacted_thinking, server tool blocks: no place in other formats
                }
            }
        }
        Usage usage = root.path("usage").isObject() ? AnthropicStopReasons.readUsage(root.path("usage")) : Usage.NONE;
        String stopSequence = root.path("stop_sequence").isTextual() ? root.path("stop_sequence").asText() : null;
        return new CanonicalResponse(root.path("id").asText(null), root.path("model").asText(null), content,
                AnthropicStopReasons.read(root.path("stop_reason").asText(null)), stopSequence, usage);
    }
}
