package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.io.IOException;

/** Whether what an agent sent is a JSON-RPC 2.0 response: an object with {@code "jsonrpc": "2.0"} and a result or an error. */
final class AgentAnswers {
    private AgentAnswers() {
    }

    /** The response, or null when {@code body} is not one. */
    static JsonNode response(byte[] body) {
        try {
            return checked(Json.MAPPER.readTree(body));
        } catch (IOException e) {
            return null;
        }
    }

    /** As {@link #response(byte[])}, for one event's data. */
    static JsonNode response(String data) {
        try {
            return checked(Json.MAPPER.readTree(data));
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode checked(JsonNode root) {
        if (root == null || !root.isObject() || !"2.0".equals(root.path("jsonrpc").textValue())) {
            return null;
        }
        boolean result = root.has("result");
        boolean error = root.path("error").isObject();
        return result != error ? root : null;
    }
}
