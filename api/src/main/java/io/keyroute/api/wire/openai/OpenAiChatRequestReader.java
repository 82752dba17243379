package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.ModelName;
import java.util.Map;

/** Reads an OpenAI Chat Completions request body, checking only what routing needs. */
public final class OpenAiChatRequestReader {
    /** OpenAI's maximum {@code n}: every choice is billed its own output. */
    static final int MAX_CHOICES = 128;

    private OpenAiChatRequestReader() {
    }

    public static ChatRequest read(byte[] body) {
        SplicableBodies.Parsed parsed = SplicableBodies.parse(body);
        ObjectNode root = parsed.tree();
        CaseVariantKeys.refuse(root);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ClientError.badRequest("missing_required_parameter",
                    "'model' is required and must be a non-empty string.", "model");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ClientError.badRequest("missing_required_parameter",
                    "'messages' is required and must be a non-empty array.", "messages");
        }
        Integer n = JsonFields.integer(root, "n", "n");
        if (n != null && n > MAX_CHOICES) {
            throw ClientError.badRequest("invalid_value", "'n' is at most " + MAX_CHOICES + " (OpenAI's own maximum).",
                    "n");
        }
        boolean stream = booleanField(root, "stream", "stream");
        JsonNode options = root.get("stream_options");
        boolean includeUsage = options != null && options.isObject()
                && booleanField((ObjectNode) options, "include_usage", "stream_options.include_usage");
        return new ChatRequest(WireFormat.OPENAI_CHAT, root, ModelName.checked(model.asText()), stream, includeUsage, Map.of(),
                parsed.raw());
    }

    private static boolean booleanField(ObjectNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ClientError.badRequest("invalid_type", "'" + param + "' must be a boolean.", param);
        }
        return value.booleanValue();
    }
}
