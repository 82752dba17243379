package io.keyroute.server.inference;

import io.keyroute.server.inference.attempts.Outcome;

/** The request body, whole, within the size limit and with its bytes taken from the in-flight body budget. */
final class ReadBody implements Step {
    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        long limit = exchange.runtime().config().server().maxRequestBytes();
        exchange.read(exchange.side().body(exchange.pass(), limit));
        return exchange.proceed();
    }
}
