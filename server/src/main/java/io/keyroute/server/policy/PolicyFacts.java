package io.keyroute.server.policy;

import dev.cel.runtime.CelVariableResolver;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.server.auth.Caller;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules see of one request and one of its targets. Values are read only when a rule reads
 * them, so a rule over {@code caller.role} costs no catalog or shape work.
 *
 * @param model      the target's catalog entry, or null for a model the catalog does not know
 * @param guardrails each input guardrail's verdict by its name (see {@link PolicyVariable#GUARDRAILS})
 */
public record PolicyFacts(Caller caller, Target target, ModelInfo model, RouteDecision decision, ChatShape shape,
                          Instant now, Map<String, Map<String, Object>> guardrails, ToolCall tool)
        implements CelVariableResolver {

    public PolicyFacts {
        guardrails = guardrails == null ? Map.of() : guardrails;
    }

    /** A model request on one of its targets. */
    public PolicyFacts(Caller caller, Target target, ModelInfo model, RouteDecision decision, ChatShape shape,
                       Instant now, Map<String, Map<String, Object>> guardrails) {
        this(caller, target, model, decision, shape, now, guardrails, null);
    }

    /**
     * A tool call through {@code /mcp}: the rules see {@code tool.*} and the caller; {@code target.*} and
     * {@code request.*} are their zeros, so a rule about models never matches a tool call by accident.
     *
     * @param arguments the call's arguments as JSON read them (maps, lists, strings, numbers, booleans, nulls)
     */
    public static PolicyFacts ofToolCall(Caller caller, String server, String name, Map<String, Object> arguments,
                                         Instant now) {
        return new PolicyFacts(caller, null, null, null, null, now, Map.of(),
                new ToolCall(server, name, CelValues.map(arguments)));
    }

    /** The same request, on another of its targets. */
    public PolicyFacts on(Target other, ModelInfo otherModel) {
        return new PolicyFacts(caller, other, otherModel, decision, shape, now, guardrails, tool);
    }

    /** What {@code tool.*} reads: the server's id, the tool's own name (without the prefix), its arguments. */
    public record ToolCall(String server, String name, Map<String, Object> arguments) {
    }

    @Override
    public Optional<Object> find(String name) {
        PolicyVariable variable = PolicyVariable.named(name);
        return variable == null ? Optional.empty() : Optional.of(variable.valueIn(this));
    }
}
