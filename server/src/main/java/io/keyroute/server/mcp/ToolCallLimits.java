package io.keyroute.server.mcp;

import io.keyroute.server.http.exchange.RequestIds;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.runtime.GatewayRuntime;
import java.util.function.Supplier;

/**
 * A tool call takes one request from the key's requests-per-minute bucket, the same bucket its model calls take
 * from (it spends no tokens): one limit per key over everything it sends through Keyroute.
 */
public final class ToolCallLimits {
    private ToolCallLimits() {
    }

    /** @param requestsOnly the key's rpm gate ({@code RateLimitGate.requestsOnly()}) */
    public static ToolCallGate of(RequestGate requestsOnly, Supplier<GatewayRuntime> runtimes) {
        return (caller, server, tool, arguments, bytes) ->
                requestsOnly.admit(new GateRequest(RequestIds.next(), caller, null, runtimes.get(), bytes));
    }
}
