package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.JsonFields;

/** {@code {"type":"error","error":{"type","message"}}}, Anthropic's error shape (also its stream error event). */
public final class AnthropicErrorWriter {
    private AnthropicErrorWriter() {
    }

    public static byte[] body(GatewayError error) {
        return JsonFields.bytes(node(error.type(), error.getMessage()));
    }

    public static ObjectNode node(ErrorType type, String message) {
        ObjectNode root = JsonFields.object().put("type", "error");
        root.putObject("error").put("type", type == null ? "api_error" : type.anthropicType()).put("message", message);
        return root;
    }
}
