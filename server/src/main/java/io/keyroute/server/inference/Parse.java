package io.keyroute.server.inference;

import io.keyroute.server.inference.attempts.Outcome;

/** The endpoint reads the body as its request; the books learn the model asked for and whether it streams. */
final class Parse implements Step {
    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        exchange.parse();
        return exchange.proceed();
    }
}
