package io.keyroute.server.telemetry;

import static io.keyroute.server.telemetry.TraceAttributes.LIMIT;

import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.RequestGate;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A limit with a span of its own under the request's ({@code keyroute.limit.rate_limit},
 * {@code keyroute.limit.budget}): how long the check took, and the refusal's type when it refused.
 * Only a limit that acted has one: one that refused, or that holds something for the request (tokens
 * taken from a bucket, a budget reservation). A limit that had nothing to check (a key without rate
 * limits, no budget) makes no span: two of a short request's five spans were such, each timing a null
 * check and costing the request's thread and the exporter a span (issue 28.1). The span is therefore
 * made once the check is done, with the time it began. Only put in place when telemetry is on; a check
 * outside a traced request (a token count) makes none.
 */
public final class TracedGate implements RequestGate {
    private final String spanName;
    private final Attributes attributes;
    private final RequestGate gate;
    private final Tracer tracer;
    private final Clock clock = Clock.getDefault();

    private TracedGate(String name, RequestGate gate, Tracer tracer) {
        this.spanName = "keyroute.limit." + name;
        this.attributes = Attributes.of(LIMIT, name);
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
        long began = clock.nanoTime();
        Admission admitted;
        try {
            admitted = gate.admit(request);
        } catch (RuntimeException refused) {
            traced(began, refused);
            throw refused;
        }
        if (admitted != Admission.NONE) {
            traced(began, null);
        }
        return admitted;
    }

    /**
     * The limit's span, a child of the current one (the request's), from when the check began (on
     * {@link #clock}'s monotonic time) to now; with {@code refused}'s type when it refused.
     */
    private void traced(long began, RuntimeException refused) {
        long took = clock.nanoTime() - began;
        long now = clock.now();
        Span span = tracer.spanBuilder(spanName).setAllAttributes(attributes)
                .setStartTimestamp(now - took, TimeUnit.NANOSECONDS).startSpan();
        if (refused != null) {
            RequestTrace.recordFailure(span, refused);
        }
        span.end(now, TimeUnit.NANOSECONDS);
    }
}
