package io.keyroute.api.wire.openai;

import io.keyroute.api.Json;
import io.keyroute.api.error.GatewayError;

/** {@code {"error":{"message","type","code","param"}}}, OpenAI's error shape. */
public final class OpenAiErrorWriter {

    private OpenAiErrorWriter() {
    }

    public static byte[] body(GatewayError error) {
        var root = Json.MAPPER.createObjectNode();
        var inner = root.putObject("error");
        inner.put("message", error.getMessage());
        inner.put("type", error.type().openAiType());
        inner.put("code", error.code());
        inner.put("param", error.param().orElse(null));
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }
}
