package io.keyroute.server.inference.attempts;

import io.keyroute.catalog.ModelCatalog;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.Skip;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.policy.PolicyEffect;
import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.server.policy.PolicyFacts;
import io.keyroute.server.policy.PolicyMatch;
import io.keyroute.server.policy.PolicyRules;
import io.keyroute.server.runtime.GatewayRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The config's policy rules applied to a routing decision, for the inference flow and
 * {@code route/explain} alike. The rules are asked about the decision's chosen target, and the
 * first that matches decides: deny refuses the request, allow keeps it as routed, {@code route:}
 * routes it again through the {@link RequestRouter} (so plans, key allow-lists, circuits and
 * credentials still apply to where it goes). Then each fallback target is asked too, and one a
 * rule would refuse is taken out of the plan: a failover never reaches what a deny rule forbids.
 */
public final class PolicyCheck {
    private final RequestRouter router;
    private final Clock clock;

    public PolicyCheck(RequestRouter router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    /**
     * @param guardrails the input guardrails' verdicts by guardrail name, as rules read them
     * @throws io.keyroute.api.error.GatewayError when a {@code route:} destination cannot serve the caller
     */
    public Checked check(GatewayRuntime runtime, Caller caller, ChatShape shape, RouteDecision decision,
                         Optional<String> credentialId, Map<String, Map<String, Object>> guardrails,
                         PolicyEvents events) {
        PolicyRules rules = runtime.policies();
        if (rules.isEmpty()) {
            return new Checked(decision, null);
        }
        ModelCatalog catalog = runtime.routing().catalog();
        var facts = new PolicyFacts(caller, decision.chosen(), catalog.find(decision.chosen()).orElse(null), decision,
                shape, clock.instant(), guardrails);
        PolicyMatch match = rules.first(facts, events);
        if (match == null) {
            return new Checked(withoutRefusedFallbacks(rules, facts, catalog, events), null);
        }
        events.matched(match);
        if (match.refuses()) {
            return new Checked(decision, match);
        }
        if (match.effect() instanceof PolicyEffect.RouteTo to) {
            RouteDecision rerouted = router.decide(runtime, caller, to.destination(), shape, credentialId)
                    .noted("Policy rule '" + match.rule() + "' routed the request to " + to.destination() + ".");
            facts = new PolicyFacts(caller, rerouted.chosen(), catalog.find(rerouted.chosen()).orElse(null), rerouted,
                    shape, facts.now(), guardrails);
        }
        return new Checked(withoutRefusedFallbacks(rules, facts, catalog, events), match);
    }

    private static RouteDecision withoutRefusedFallbacks(PolicyRules rules, PolicyFacts facts, ModelCatalog catalog,
                                                         PolicyEvents events) {
        RouteDecision decision = facts.decision();
        List<Skip> refused = new ArrayList<>(0);
        for (var fallback : decision.ordered().subList(1, decision.ordered().size())) {
            var target = fallback.target();
            PolicyMatch match = rules.first(facts.on(target, catalog.find(target).orElse(null)), events);
            if (match != null && match.refuses()) {
                events.matched(match);
                refused.add(new Skip(target, Skip.Kind.ACCESS, "refused by policy rule '" + match.rule() + "'"));
            }
        }
        return decision.without(refused);
    }

    /**
     * What the rules left.
     *
     * @param decision the decision to serve: as routed, routed again, or without the fallbacks a rule refuses
     * @param match    the rule that decided about the chosen target, or null when none matched
     */
    public record Checked(RouteDecision decision, PolicyMatch match) {
        public boolean refused() {
            return match != null && match.refuses();
        }
    }
}
