package io.keyroute.server.mcp;

import io.keyroute.server.auth.Caller;
import java.util.Map;

/** What a tool call passes before it goes upstream: the key's rate limit, the tool-call policies. */
@FunctionalInterface
public interface ToolCallGate {
    ToolCallGate OPEN = (caller, server, tool, arguments, bytes) -> {
    };

    /**
     * @throws io.keyroute.api.error.LimitExceeded the key's rate limit refuses it
     * @throws Denied a policy refuses it
     */
    void admit(Caller caller, String serverId, String tool, Map<String, Object> arguments, int argumentBytes);

    default ToolCallGate then(ToolCallGate next) {
        return (caller, server, tool, arguments, bytes) -> {
            admit(caller, server, tool, arguments, bytes);
            next.admit(caller, server, tool, arguments, bytes);
        };
    }

    /** A policy refused the call; the message names the rule, never the arguments. */
    final class Denied extends RuntimeException {
        public Denied(String message) {
            super(message, null, false, false);
        }
    }
}
