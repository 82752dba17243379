package io.keyroute.server.limits;

import io.keyroute.api.ChatRequest;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.runtime.GatewayRuntime;

/**
 * What a {@link RequestGate} judges: who asks, what routing decided (its plan's targets and the
 * request's {@link io.keyroute.catalog.Needs}: estimated prompt tokens and the output asked for),
 * the request body's size in bytes and, for a chat, the request itself.
 *
 * @param requestId the request's id, to name what it reserves
 * @param bodyBytes the request body's length; every BPE token covers at least one byte of text,
 *                  so this bounds the text's prompt tokens from above
 * @param chat      the chat request as read (its body and the headers it passes on), or null for
 *                  other endpoints (embeddings), which are bounded by {@code bodyBytes}
 */
public record GateRequest(String requestId, Caller caller, RouteDecision decision, GatewayRuntime runtime,
                          int bodyBytes, ChatRequest chat) {

    /** A request known only by its size. */
    public GateRequest(String requestId, Caller caller, RouteDecision decision, GatewayRuntime runtime, int bodyBytes) {
        this(requestId, caller, decision, runtime, bodyBytes, null);
    }
}
