package io.keyroute.routing.complexity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;

/** Chat request bodies written as JSON text in the tests. */
final class ChatBodies {
    private ChatBodies() {
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
