package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.ModelName;
import io.keyroute.api.wire.openai.SplicableBodies;
import java.util.Map;

/**
 * Reads an Anthropic Messages request body ({@code POST /v1/messages}), checking what routing
 * needs; the body itself is kept for pass-through to Anthropic, with the caller's bytes when the
 * model can be spliced into them ({@link SplicableBodies}), so thinking blocks reach Anthropic as sent.
 */
public final class AnthropicMessagesRequestReader {
    private AnthropicMessagesRequestReader() {
    }

    public static ChatRequest read(byte[] body) {
        SplicableBodies.Parsed parsed = SplicableBodies.parse(body);
        ObjectNode root = parsed.tree();
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ClientError.badRequest("missing_required_parameter", "model: Field required", "model");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ClientError.badRequest("missing_required_parameter",
                    "messages: Field required and must be a non-empty array", "messages");
        }
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(root, "stream", "stream"));
        // Blocks are not checked here: Anthropic receives any it knows; translation refuses the rest.
        return new ChatRequest(WireFormat.ANTHROPIC_MESSAGES, root, ModelName.checked(model.asText()), stream, true,
                Map.of(), parsed.raw());
    }
}
