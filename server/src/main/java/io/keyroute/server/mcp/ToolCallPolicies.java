package io.keyroute.server.mcp;

import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.server.policy.PolicyFacts;
import io.keyroute.server.policy.PolicyMatch;
import io.keyroute.server.policy.PolicyRules;
import io.keyroute.server.runtime.GatewayRuntime;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The config's {@code policies:} asked about a tool call, as they are about a model request: the rules see
 * {@code call == 'tool'}, {@code tool.server}, {@code tool.name} (without the {@code <server>__} prefix) and
 * {@code tool.arguments}, and the caller; the first rule that matches decides (a {@code route:} rule has nothing to
 * route here and is passed over). A deny, or a rule failing closed, refuses the call before it goes upstream, naming
 * the rule, never the arguments. Matches are counted and audited like a model request's.
 */
public final class ToolCallPolicies {
    private ToolCallPolicies() {
    }

    /** @param runtimes the current runtime: its rules, read per call, so a reload applies to the next one */
    public static ToolCallGate of(Supplier<GatewayRuntime> runtimes, PolicyEvents events, Clock clock) {
        return (caller, server, tool, arguments, bytes) -> {
            PolicyRules rules = runtimes.get().policies();
            if (rules.isEmpty()) {
                return;
            }
            PolicyMatch match = rules.firstForToolCall(
                    PolicyFacts.ofToolCall(caller, server, tool, arguments, clock.instant()), events);
            if (match == null) {
                return;
            }
            events.matched(match);
            if (match.refuses()) {
                throw new ToolCallGate.Denied("Tool call denied by policy rule '" + match.rule() + "'");
            }
        };
    }
}
