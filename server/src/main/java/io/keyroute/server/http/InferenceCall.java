package io.keyroute.server.http;

import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Secrets;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.pipeline.Admission;
import io.keyroute.server.pipeline.Attempt;
import io.keyroute.server.pipeline.GateRequest;
import io.keyroute.server.pipeline.Outcome;
import io.keyroute.server.pipeline.RequestGate;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.usage.RequestRecord;
import io.keyroute.server.usage.UsageSink;

/**
 * The bookkeeping every inference request shares, whatever its endpoint: the x-keyroute-*
 * headers as the request learns them, what the limits reserved, and exactly one usage record at
 * the end, delivered or failed, which also settles the reservation. Handlers keep only what
 * differs (how to read the body, how to call and deliver).
 */
final class InferenceCall {
    private final ServerResponse res;
    private final WireFormat format;
    private final UsageSink usage;
    private final GatewayRuntime runtime;
    private final String requestId = RequestIds.next();
    private final long start = System.nanoTime();
    private Caller caller;
    private String model;
    private boolean stream;
    private String route;
    private Admission admission = Admission.NONE;

    /** @param format the endpoint's API shape, for its errors */
    InferenceCall(ServerResponse res, WireFormat format, UsageSink usage, GatewayRuntime runtime) {
        this.res = res;
        this.format = format;
        this.usage = usage;
        this.runtime = runtime;
        res.header(KeyrouteHeaders.REQUEST_ID, requestId);
    }

    GatewayRuntime runtime() {
        return runtime;
    }

    Caller authenticated(Caller who) {
        this.caller = who;
        return who;
    }

    /** The model as the caller asked for it (scrubbed: a caller may paste a key there) and whether it streams. */
    void asked(String requestedModel, boolean streamed) {
        this.model = Secrets.scrub(requestedModel);
        this.stream = streamed;
    }

    RouteDecision routed(RouteDecision decision) {
        route = decision.route();
        res.header(KeyrouteHeaders.ROUTE_REASON, HeaderText.safe(decision.reason()));
        return decision;
    }

    /** Passes the request through the limits; what they reserve is settled when the request ends. */
    void admit(RequestGate gate, RouteDecision decision, int bodyBytes) {
        admission = gate.admit(new GateRequest(requestId, caller, decision, runtime, bodyBytes));
    }

    /** Headers for the attempt whose answer is about to be delivered. */
    void delivering(Attempt attempt) {
        res.header(KeyrouteHeaders.PROVIDER, attempt.provider().id());
        res.header(KeyrouteHeaders.MODEL, HeaderText.safe(attempt.target().qualified()));
        res.header(KeyrouteHeaders.ATTEMPTS, String.valueOf(attempt.number()));
    }

    void delivered(Outcome outcome) {
        long firstByte = outcome.firstByteNanos() == 0 ? 0 : micros(outcome.firstByteNanos() - start);
        finished(RequestRecord.delivered(requestId, caller, model, route, outcome, stream, runtime.prices(),
                micros(System.nanoTime() - start), firstByte));
    }

    /** @param attempts provider calls made before giving up, for x-keyroute-attempts */
    void failed(GatewayError error, int attempts) {
        if (attempts > 0) {
            res.header(KeyrouteHeaders.ATTEMPTS, String.valueOf(attempts));
        }
        ErrorResponses.send(res, format, error);
        if (error instanceof LimitExceeded) {
            usage.limitRejected(error.code());
        }
        finished(RequestRecord.failed(requestId, caller, model, route, error.status(), attempts, stream,
                micros(System.nanoTime() - start)));
    }

    private void finished(RequestRecord record) {
        try {
            admission.settle(record);
        } finally {
            usage.record(record);
        }
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
