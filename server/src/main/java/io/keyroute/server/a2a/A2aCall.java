package io.keyroute.server.a2a;

import io.keyroute.server.auth.Caller;

/**
 * One call to {@code /a2a/{agent}} as metrics and audit see it: who, which agent and method, how it ended. Never
 * the messages, tasks or artifacts it carried.
 *
 * @param caller  who called, or null when the key was refused
 * @param agent   the configured agent's id, or null when the path named none the caller may use
 * @param method  the JSON-RPC method as {@link A2aMethods#label} names it, or {@code card} for a card fetch
 * @param outcome {@code ok}, {@code agent_error_reply} (the agent answered a JSON-RPC error), {@code caller_gone},
 *                {@code denied} (an agent the caller may not use), or the code of Keyroute's JSON-RPC error
 * @param status  the HTTP status answered
 * @param events  events relayed on a stream, 0 for a JSON answer
 * @param nanos   how long the call took, to the last byte
 */
public record A2aCall(Caller caller, String agent, String method, String outcome, int status, long events, long nanos) {
    static final String CARD = "card";
    static final String DENIED = "denied";

    public boolean isCard() {
        return CARD.equals(method);
    }
}
