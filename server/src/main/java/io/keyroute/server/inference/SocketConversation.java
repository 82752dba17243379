package io.keyroute.server.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.providers.sse.SseEvent;

/**
 * What a Responses WebSocket remembers, as OpenAI's does on the connection: its last completed
 * response (whatever {@code store} said), so that the next {@code response.create} may send only
 * its new input items with {@code previous_response_id} — Codex's way over a socket. That request
 * is expanded here into the whole conversation, so every provider gets a request that stands on its
 * own (an upstream over HTTP never saw the socket) and limits and budgets see all of it.
 *
 * <p>An id that is not the socket's last response is left as sent, for the HTTP path's rules (the
 * kept responses, or OpenAI's own); a response that continued such an id is not remembered, as
 * its beginning is not here. Used by one response at a time (the socket runs one).
 */
final class SocketConversation {
    private static final String ENDED = "response.completed";

    private String lastId;
    /** the last response's whole input, then its output */
    private ArrayNode lastItems;
    /** the running response's whole input, while it runs, when it is remembered after */
    private ArrayNode running;

    /**
     * The body the flow reads for a {@code response.create} message: without its type, streamed, and
     * continuing the socket's last response when it names it.
     *
     * @throws ClientError 413 when the expanded conversation is larger than {@code limit} bytes
     */
    byte[] request(ObjectNode message, long limit) {
        message.remove("type");
        message.put("stream", true); // implicit on a socket
        JsonNode previous = message.get("previous_response_id");
        boolean continues = previous != null && previous.isTextual() && previous.asText().equals(lastId);
        ArrayNode input = items(message.get("input"));
        if (continues && input != null) {
            ArrayNode whole = lastItems.deepCopy();
            whole.addAll(input);
            input = whole;
            message.set("input", input);
            message.remove("previous_response_id");
        }
        running = previous == null || continues ? input : null;
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
        if (body.length > limit) {
            throw ClientError.tooLarge(limit);
        }
        return body;
    }

    /** Sees each event the caller was sent: a completed response becomes the one the next may continue. */
    void sent(SseEvent event) {
        if (running == null || !event.data().contains(ENDED)) {
            return;
        }
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JsonProcessingException e) {
            return; // not an event this socket can continue from
        }
        JsonNode response = data.path("response");
        if (ENDED.equals(data.path("type").asText()) && response.path("id").isTextual()
                && response.path("output").isArray()) {
            running.addAll((ArrayNode) response.get("output"));
            lastId = response.get("id").asText();
            lastItems = running;
            running = null;
        }
    }

    /** The input as items: a string is one user message, as the API reads it; null when neither. */
    private static ArrayNode items(JsonNode input) {
        if (input instanceof ArrayNode array) {
            return array;
        }
        ArrayNode items = Json.MAPPER.createArrayNode();
        if (input != null && input.isTextual()) {
            items.addObject().put("type", "message").put("role", "user").put("content", input.asText());
            return items;
        }
        return input == null ? items : null;
    }
}
