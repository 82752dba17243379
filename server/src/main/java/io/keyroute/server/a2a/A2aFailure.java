package io.keyroute.server.a2a;

import io.keyroute.api.error.GatewayError;
import java.time.Duration;
import java.util.Optional;

/**
 * A call {@code /a2a/{agent}} answers with a JSON-RPC error instead of the agent's answer: its HTTP status,
 * its JSON-RPC code, and Keyroute's own code (in the error's {@code data}, and the outcome its metrics count).
 * Keyroute's refusals (key, agent, limits) use the implementation-defined code {@value #SERVER_ERROR}, which A2A
 * leaves unassigned; an agent's failure is JSON-RPC's internal error, its malformed answer A2A's
 * {@code InvalidAgentResponseError}.
 */
final class A2aFailure extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INTERNAL_ERROR = -32603;
    static final int SERVER_ERROR = -32000;
    static final int PUSH_NOTIFICATION_NOT_SUPPORTED = -32003;
    static final int INVALID_AGENT_RESPONSE = -32006;

    private final int httpStatus;
    private final int rpcCode;
    private final String code;
    private final Duration retryAfter;

    A2aFailure(int httpStatus, int rpcCode, String code, String message) {
        this(httpStatus, rpcCode, code, message, null);
    }

    private A2aFailure(int httpStatus, int rpcCode, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.rpcCode = rpcCode;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** A refusal of the gateway's (its key, limits, body size) as a JSON-RPC error with the same status. */
    static A2aFailure of(GatewayError e) {
        int rpc = e.status() == 400 || e.status() == 413 ? INVALID_REQUEST : SERVER_ERROR;
        return new A2aFailure(e.status(), rpc, e.code(), e.getMessage(), e.retryAfter().orElse(null));
    }

    /** The agent could not be reached, failed, or took too long: 502 (504 for a timeout). */
    static A2aFailure agentFailed(String agent, String code, String what, boolean timeout) {
        return new A2aFailure(timeout ? 504 : 502, INTERNAL_ERROR, code, "Agent '" + agent + "' " + what + ".");
    }

    /** The agent answered something that is not an A2A JSON-RPC answer. */
    static A2aFailure invalidAnswer(String agent, String what) {
        return new A2aFailure(502, INVALID_AGENT_RESPONSE, "agent_invalid_answer",
                "Agent '" + agent + "' answered " + what + ", not a JSON-RPC response.");
    }

    int httpStatus() {
        return httpStatus;
    }

    int rpcCode() {
        return rpcCode;
    }

    String code() {
        return code;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
