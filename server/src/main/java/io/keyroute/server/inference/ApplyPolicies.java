package io.keyroute.server.inference;

import io.keyroute.api.error.ClientError;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.PolicyCheck;
import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.guardrails.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The config's policy rules ({@link PolicyCheck}), after routing and before the limits: a refusal
 * is 403 {@code policy_denied} naming the rule, answered before any provider is called or stream
 * started; a {@code route:} rule's new decision replaces the routed one. With no rules it does nothing.
 */
final class ApplyPolicies implements Step {
    private final PolicyCheck check;
    private final PolicyEvents events;

    ApplyPolicies(PolicyCheck check, PolicyEvents events) {
        this.check = check;
        this.events = events;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        if (exchange.runtime().policies().isEmpty()) {
            return exchange.proceed();
        }
        var checked = check.check(exchange.runtime(), exchange.caller(), exchange.shape(), exchange.decision(),
                exchange.side().headers().first(KeyrouteHeaders.CREDENTIAL), facts(exchange.verdicts()), events);
        if (checked.refused()) {
            events.denied(exchange.caller(), checked.match(), exchange.decision().chosen().qualified());
            throw ClientError.policyDenied(checked.match().rule(), checked.match().failed());
        }
        if (checked.decision() != exchange.decision()) {
            exchange.policed(checked.decision());
        }
        return exchange.proceed();
    }

    /** The input guardrails' verdicts as rules read them: by guardrail name, {@code {action, score, entities}}. */
    private static Map<String, Map<String, Object>> facts(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Verdict verdict : verdicts) {
            Map<String, Object> entities = new HashMap<>();
            verdict.entityCounts().forEach((type, count) -> entities.put(type, (long) count)); // CEL's int
            byName.put(verdict.step(), Map.of("action", verdict.action(), "score", verdict.score(), "entities", entities));
        }
        return byName;
    }
}
