package io.keyroute.server.inference;

import io.keyroute.api.error.ClientError;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.PolicyCheck;
import io.keyroute.server.policy.GuardrailVerdicts;
import io.keyroute.server.policy.PolicyEvents;

/**
 * The config's policy rules ({@link PolicyCheck}), after routing and before the limits: a refusal
 * is 403 {@code policy_denied} naming the rule, answered before any provider is called or stream
 * started; a {@code route:} rule's new decision replaces the routed one. Rules read the input
 * guardrails' verdicts ({@link GuardrailVerdicts}). With no rules it does nothing.
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
                exchange.side().headers().first(KeyrouteHeaders.CREDENTIAL), GuardrailVerdicts.of(exchange.verdicts()),
                events);
        if (checked.refused()) {
            events.denied(exchange.caller(), checked.match(), exchange.decision().chosen().qualified());
            throw ClientError.policyDenied(checked.match().rule(), checked.match().failed());
        }
        if (checked.decision() != exchange.decision()) {
            exchange.policed(checked.decision());
        }
        return exchange.proceed();
    }
}
