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
                          Instant now, Map<String, Map<String, Object>> guardrails) implements CelVariableResolver {

    public PolicyFacts {
        guardrails = guardrails == null ? Map.of() : guardrails;
    }

    /** The same request, on another of its targets. */
    public PolicyFacts on(Target other, ModelInfo otherModel) {
        return new PolicyFacts(caller, other, otherModel, decision, shape, now, guardrails);
    }

    @Override
    public Optional<Object> find(String name) {
        PolicyVariable variable = PolicyVariable.named(name);
        return variable == null ? Optional.empty() : Optional.of(variable.valueIn(this));
    }
}
