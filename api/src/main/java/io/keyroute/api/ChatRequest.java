package io.keyroute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An inbound chat request, parsed once. {@code body} is the caller's JSON as sent, so that a
 * provider speaking the same wire format receives every field, known to Keyroute or not.
 *
 * @param format           the API shape the caller used (and expects back)
 * @param body             the request JSON; never mutated (adapters copy before rewriting)
 * @param model            what the caller asked for: {@code provider/model}, a catalog name or a route
 * @param stream           whether the caller asked for a stream
 * @param clientWantsUsage whether the caller asked for usage in the stream
 * @param passHeaders      caller headers a provider of the same format receives as sent
 *                         (e.g. {@code anthropic-beta}); names in lower case
 */
public record ChatRequest(WireFormat format, ObjectNode body, String model, boolean stream,
                          boolean clientWantsUsage, Map<String, String> passHeaders) {

    public ChatRequest {
        passHeaders = passHeaders == null ? Map.of() : Map.copyOf(passHeaders);
    }

    public ChatRequest(WireFormat format, ObjectNode body, String model, boolean stream, boolean clientWantsUsage) {
        this(format, body, model, stream, clientWantsUsage, Map.of());
    }

    public ChatRequest withPassHeaders(Map<String, String> headers) {
        return new ChatRequest(format, body, model, stream, clientWantsUsage, headers);
    }
}
