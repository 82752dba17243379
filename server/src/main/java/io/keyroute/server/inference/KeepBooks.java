package io.keyroute.server.inference;

import io.keyroute.api.error.GatewayError;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.PlanFailed;
import io.keyroute.server.runtime.GatewayRuntime;
import java.util.function.Supplier;

/**
 * Opens the request's {@link RequestBooks} on the current runtime, and closes them however the
 * rest of the flow ends: a delivered answer, every attempt failed, a refusal by any step (answered
 * in the endpoint's API shape), or an unexpected exception (500). Every later step may refuse by
 * throwing; none needs to account for itself.
 */
final class KeepBooks implements Step {
    private final Supplier<GatewayRuntime> runtimes;
    private final UsageSink usage;

    /** @param runtimes the current runtime; read once per request, so a reload never splits one */
    KeepBooks(Supplier<GatewayRuntime> runtimes, UsageSink usage) {
        this.runtimes = runtimes;
        this.usage = usage;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        var books = new RequestBooks(exchange.side(), exchange.format(), usage, runtimes.get());
        exchange.open(books);
        try {
            Outcome outcome = exchange.proceed();
            books.delivered(outcome);
            return outcome;
        } catch (PlanFailed failed) {
            books.failed(failed);
        } catch (GatewayError error) {
            books.failed(error);
        } catch (RuntimeException unexpected) {
            books.crashed(unexpected);
        }
        return null;
    }
}
