package io.keyroute.server.inference;

import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.limits.RequestGate;

/** Rate limits and budgets: the request is refused, or what it reserves is held by the books until it ends. */
final class Admit implements Step {
    private final RequestGate gate;

    Admit(RequestGate gate) {
        this.gate = gate;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        exchange.books().admit(gate, exchange.decision(), exchange.bodyBytes(), exchange.chat());
        return exchange.proceed();
    }
}
