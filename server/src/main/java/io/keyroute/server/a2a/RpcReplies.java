package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON-RPC 2.0 error responses ({@code {"jsonrpc":"2.0","id":…,"error":{code,message,data}}}) for A2A callers. */
final class RpcReplies {
    private RpcReplies() {
    }

    /** @param id the request's id, or null when it could not be read (then {@code null}, as JSON-RPC asks) */
    static byte[] error(JsonNode id, A2aFailure failure) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        root.set("id", id == null ? NullNode.getInstance() : id);
        ObjectNode error = root.putObject("error").put("code", failure.rpcCode()).put("message", failure.getMessage());
        error.putObject("data").put("keyroute_code", failure.code()).put("http_status", failure.httpStatus());
        return bytes(root);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
