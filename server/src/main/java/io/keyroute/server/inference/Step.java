package io.keyroute.server.inference;

import io.keyroute.server.inference.attempts.Outcome;

/**
 * One step of the {@link InferenceFlow}, as an OkHttp interceptor is one link of its chain: it does
 * its part, then {@link InferenceExchange#proceed() proceeds} to the rest of the flow and returns
 * what it returns, or ends the request early by throwing a
 * {@link io.keyroute.api.error.GatewayError} (the books step answers it in the endpoint's API shape,
 * records it and settles the limits, as for any refusal). A step works on what the steps before it
 * learnt ({@link InferenceExchange#caller()}, {@link InferenceExchange#chat()},
 * {@link InferenceExchange#decision()}, ...), never on the endpoint's types.
 *
 * <p>A step is made once, when the server starts, and runs for every request on the request's
 * thread: it keeps no per-request state of its own. {@link Guard}, the guardrails' input step, is one
 * to read: it checks {@link InferenceExchange#chat()}, refuses by throwing or replaces the request with
 * a redacted one, and proceeds.
 */
@FunctionalInterface
interface Step {
    /** @return the delivered answer's outcome, or null once the books have answered a failure */
    Outcome run(InferenceExchange<?> exchange);
}
