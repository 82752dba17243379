package io.keyroute.server.telemetry;

import static io.keyroute.server.telemetry.TraceAttributes.LIMIT;

import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.RequestGate;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * A limit with a span of its own under the request's ({@code keyroute.limit.rate_limit},
 * {@code keyroute.limit.budget}): how long the check took, and the refusal's type when it refused.
 * Only put in place when telemetry is on; a check outside a traced request (a token count) makes none.
 */
public final class TracedGate implements RequestGate {
    private final String name;
    private final String spanName;
    private final RequestGate gate;
    private final Tracer tracer;

    private TracedGate(String name, RequestGate gate, Tracer tracer) {
        this.name = name;
        this.spanName = "keyroute.limit." + name;
        this.gate = gate;
        this.tracer = tracer;
    }

    /** {@code gate} itself when telemetry is off, else {@code gate} traced as the limit {@code name}. */
    public static RequestGate of(Telemetry telemetry, String name, RequestGate gate) {
        return telemetry.enabled() ? new TracedGate(name, gate, telemetry.tracer()) : gate;
    }

    @Override
    public Admission admit(GateRequest request) {
        if (!Span.current().getSpanContext().isValid()) {
            return gate.admit(request);
        }
        Span span = tracer.spanBuilder(spanName).setAttribute(LIMIT, name).startSpan();
        Admission admitted;
        try {
            admitted = gate.admit(request);
        } catch (RuntimeException refused) {
            RequestTrace.failed(span, refused);
            throw refused;
        }
        span.end();
        return admitted;
    }
}
