package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.JsonLimits;
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

    /** A JSON object, or a 400 that says where parsing failed (never quoting the body). */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalidJson(e);
        } catch (java.io.IOException e) {
            throw unreadable();
        }
        if (root == null || !root.isObject()) {
            throw ClientError.badRequest("invalid_json", "The request body must be a JSON object.", null);
        }
        return (ObjectNode) root;
    }

    /** Not JSON, or JSON beyond a limit the parser keeps on purpose (then named: it is not "invalid"). */
    static ClientError invalidJson(JacksonException e) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (e instanceof StreamConstraintsException limit) {
            return ClientError.badRequest("json_limit_exceeded",
                    "The request body " + JsonLimits.describe(limit) + where + ".", null);
        }
        return ClientError.badRequest("invalid_json", "The request body is not valid JSON" + where + ".", null);
    }

    static ClientError unreadable() {
        return ClientError.badRequest("invalid_json", "The request body could not be read.", null);
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
