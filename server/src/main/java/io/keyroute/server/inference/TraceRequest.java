package io.keyroute.server.inference;

import io.helidon.http.HeaderNames;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.telemetry.RequestTrace;
import io.keyroute.server.telemetry.Telemetry;

/**
 * The first step, when telemetry is on: the request's server span, continuing the caller's
 * {@code traceparent}, current on the request's thread while the rest runs (the route, limit and
 * attempt spans are its children), and ended with the request's record once the books are closed:
 * who asked, where it went, the tokens and cost of every attempt, the error's type. When telemetry
 * is off it only proceeds.
 */
final class TraceRequest implements Step {
    private final Telemetry telemetry;

    TraceRequest(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        if (!telemetry.enabled()) {
            return exchange.proceed();
        }
        CallerSide side = exchange.side();
        var trace = RequestTrace.start(telemetry, side.method(), side.path(),
                name -> side.headers().first(HeaderNames.create(name)).orElse(null));
        exchange.traced(trace);
        Outcome outcome;
        try {
            outcome = exchange.proceed();
        } catch (RuntimeException | Error e) {
            trace.crashed(e);
            throw e;
        }
        RequestBooks books = exchange.books();
        trace.asked(exchange.operation(), exchange.maxTokens());
        trace.end(books == null ? null : books.record(),
                books == null || books.failure() == null ? null : books.failure().code());
        return outcome;
    }
}
