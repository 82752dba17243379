package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.io.IOException;

/**
 * What Keyroute reads of a caller's JSON-RPC request: its id (echoed in errors) and its method (for access,
 * metrics and audit). The body itself is forwarded as the caller sent it, never re-serialised. A batch (an
 * array) is refused: A2A defines none.
 */
record RpcRequest(JsonNode id, String method) {
    private static final int MAX_METHOD = 128;
    private static final int MAX_ID = 256;

    static RpcRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new A2aFailure(200, A2aFailure.PARSE_ERROR, "parse_error", "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The body must be one JSON-RPC 2.0 request object (batches are not supported).");
        }
        JsonNode id = root.get("id");
        boolean idOk = id == null || id.isNull() || id.isIntegralNumber()
                || (id.isTextual() && id.textValue().length() <= MAX_ID);
        JsonNode method = root.get("method");
        if (!idOk || !"2.0".equals(root.path("jsonrpc").textValue()) || method == null || !method.isTextual()
                || method.textValue().isEmpty() || method.textValue().length() > MAX_METHOD) {
            throw invalid("A JSON-RPC 2.0 request needs \"jsonrpc\": \"2.0\", a method name and a string or integer id.");
        }
        JsonNode params = root.get("params");
        if (params != null && !params.isObject() && !params.isArray()) {
            throw invalid("params must be an object.");
        }
        return new RpcRequest(idOk && id != null && !id.isNull() ? id : null, method.textValue());
    }

    /** The id to echo when refusing a request whose id could not be read: none. */
    static A2aFailure invalid(String message) {
        return new A2aFailure(200, A2aFailure.INVALID_REQUEST, "invalid_request", message);
    }
}
