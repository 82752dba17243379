package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.error.GatewayError;

/** {@code {"error":{"message","type","code","param"}}}, OpenAI's error shape. */
public final class OpenAiErrorWriter {

    private OpenAiErrorWriter() {
    }

    public static byte[] body(GatewayError error) {
        var root = Json.MAPPER.createObjectNode();
        root.set("error", error(error));
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }

    /** The inner object: {@code {"message","type","code","param"}}. */
    public static ObjectNode error(GatewayError error) {
        var inner = Json.MAPPER.createObjectNode();
        inner.put("message", error.getMessage());
        inner.put("type", error.type().openAiType());
        inner.put("code", error.code());
        inner.put("param", error.param().orElse(null));
        return inner;
    }
}
