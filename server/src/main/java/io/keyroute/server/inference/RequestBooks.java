package io.keyroute.server.inference;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secrets;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.experiments.Experiments;
import io.keyroute.server.guardrails.GuardrailRun;
import io.keyroute.server.guardrails.VerdictSummary;
import io.keyroute.server.accounting.Metering;
import io.keyroute.server.limits.Admission;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.PlanFailed;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.accounting.RequestRecords;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.cache.CachedAnswer;
import io.keyroute.usage.CacheUse;
import io.keyroute.usage.Charge;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.RequestRecord;
import java.util.List;
import java.util.Locale;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.http.exchange.RequestIds;
import io.keyroute.server.http.exchange.UnexpectedErrors;

/**
 * One inference request's books, whatever its endpoint: the x-keyroute-* headers as the request
 * learns them, what the limits reserved, and exactly one usage record, delivered or failed. The
 * record is made just before the answer's last byte leaves and handed to
 * {@link UsageSink#completing} (the ledger's journal); when the answer has gone it settles the
 * reservation and goes to {@link UsageSink#record}. The {@link KeepBooks} step opens and closes
 * them; the other steps of the {@link InferenceFlow} write what they learn into them.
 */
final class RequestBooks implements Completion {
    private final CallerSide side;
    private final WireFormat format;
    private final UsageSink usage;
    private final GatewayRuntime runtime;
    private final String requestId = RequestIds.next();
    private final long start = System.nanoTime();
    private Caller caller;
    private String model;
    private boolean stream;
    private String route;
    private String routeReason;
    private String experiment;
    private String experimentArm;
    private String operation;
    private Admission admission = Admission.NONE;
    private Metering metering;
    private RequestRecord record;
    private GatewayError failure;
    private boolean finished;
    private GuardrailRun guardrails;
    private CacheUse cache;

    /** @param format the endpoint's API shape, for its errors */
    RequestBooks(CallerSide side, WireFormat format, UsageSink usage, GatewayRuntime runtime) {
        this.side = side;
        this.format = format;
        this.usage = usage;
        this.runtime = runtime;
        side.header(KeyrouteHeaders.REQUEST_ID, requestId);
    }

    GatewayRuntime runtime() {
        return runtime;
    }

    Caller authenticated(Caller who) {
        this.caller = who;
        return who;
    }

    /**
     * The model as the caller asked for it (scrubbed: a caller may paste a key there), whether it
     * streams, and the GenAI operation it is ({@code chat}, {@code embeddings}).
     */
    void asked(String requestedModel, boolean streamed, String operation) {
        this.model = Secrets.scrub(requestedModel);
        this.stream = streamed;
        this.operation = operation;
    }

    RouteDecision routed(RouteDecision decision) {
        route = decision.route();
        routeReason = decision.reason();
        var assigned = runtime.experiments().assignment(route, caller.stickyKey());
        experiment = assigned.map(Experiments.Assignment::experiment).orElse(null);
        experimentArm = assigned.map(Experiments.Assignment::arm).orElse(null);
        side.header(KeyrouteHeaders.ROUTE_REASON, HeaderText.safe(decision.reason()));
        return decision;
    }

    /** A sentence after the route reason, for an answer from elsewhere than routing said (before its first byte). */
    void noted(String sentence) {
        routeReason = routeReason + " " + sentence;
        side.header(KeyrouteHeaders.ROUTE_REASON, HeaderText.safe(routeReason));
    }

    void guarded(GuardrailRun run) {
        this.guardrails = run;
    }

    @Override
    public GuardrailRun guardrails() {
        return guardrails;
    }

    /**
     * Passes the request through the limits; what they reserve is settled when the request ends.
     *
     * @param chat the request as a chat, whose body and headers bound its cost more tightly than its
     *             size, or null for one known only by its size (embeddings)
     */
    void admit(RequestGate gate, RouteDecision decision, int bodyBytes, ChatRequest chat) {
        var request = new GateRequest(requestId, caller, decision, runtime, bodyBytes, chat);
        metering = Metering.of(request);
        admission = gate.admit(request);
    }

    @Override
    public Metering metering() {
        return metering;
    }

    @Override
    public boolean capturesContent() {
        return runtime.config().telemetry().captureContent();
    }

    /**
     * Headers for the attempt whose answer is about to be delivered, among them the credential that
     * served it (a stored credential's id, or {@code system:<provider>}): a workspace credential with
     * its own base_url serves every member, and they should see that it did.
     */
    void delivering(Attempt attempt) {
        side.header(KeyrouteHeaders.PROVIDER, attempt.provider().id());
        side.header(KeyrouteHeaders.CREDENTIAL, HeaderText.safe(attempt.credential().id()));
        side.header(KeyrouteHeaders.MODEL, HeaderText.safe(attempt.target().qualified()));
        side.header(KeyrouteHeaders.ATTEMPTS, String.valueOf(attempt.number()));
    }

    /** What the answer cache did: it goes in the answer's header and the request's record. */
    void cache(CacheUse use) {
        this.cache = use;
        side.header(KeyrouteHeaders.CACHE, use.status());
    }

    /**
     * A cache hit's headers and record, made durable before the replay's first byte: what answered first, at no
     * cost. The stored answer's provider and model say what made it.
     */
    void servedFromCache(CachedAnswer answer, CacheUse hit) {
        cache(hit);
        if (hit.similarity() != null) {
            side.header(KeyrouteHeaders.CACHE_SIMILARITY, String.format(Locale.ROOT, "%.4f", hit.similarity()));
        }
        side.header(KeyrouteHeaders.PROVIDER, answer.provider());
        side.header(KeyrouteHeaders.MODEL, HeaderText.safe(answer.provider() + "/" + answer.model()));
        side.header(KeyrouteHeaders.ATTEMPTS, "0");
        side.header(KeyrouteHeaders.COST_USD, CostCalculator.usd(0));
        long latency = micros(System.nanoTime() - start);
        record = RequestRecords.cached(requestId, caller, model, route, answer.provider(), answer.model(), stream,
                latency, stream ? latency : 0, hit).withRouteAndOperation(routeReason, operation)
                .withGuardrails(verdicts());
        usage.completing(record);
    }

    /** The record of a delivered answer, made durable before its last byte; a JSON answer also gets its cost header. */
    @Override
    public void completing(Outcome outcome) {
        long firstByte = outcome.firstByteNanos() == 0 ? 0 : micros(outcome.firstByteNanos() - start);
        record = RequestRecords.delivered(requestId, caller, model, route, outcome, stream, runtime.prices(),
                micros(System.nanoTime() - start), firstByte).withRouteAndOperation(routeReason, operation)
                .withGuardrails(verdicts()).withCache(cache)
                .withExperiment(experiment, experimentArm);
        if (!stream && record.costMicros() != null) {
            side.header(KeyrouteHeaders.COST_USD, CostCalculator.usd(record.costMicros()));
        }
        usage.completing(record);
    }

    void delivered(Outcome outcome) {
        if (record == null) {
            completing(outcome); // the caller left before the end: there was no last byte to precede
        }
        finished(record);
    }

    /** Every attempt failed: the error, what the failed attempts were billed, and the credential that answered last. */
    void failed(PlanFailed failed) {
        failed.lastCredentialId().ifPresent(id -> side.header(KeyrouteHeaders.CREDENTIAL, HeaderText.safe(id)));
        failed(failed.error(), failed.attempts(), failed.billed());
    }

    /** The request was refused before any attempt (auth, validation, routing, limits). */
    void failed(GatewayError error) {
        failed(error, 0, List.of());
    }

    /**
     * Something no {@link GatewayError} describes broke (a bug, a library's exception): logged with the
     * request id, answered 500 {@code internal_error} in the endpoint's shape when the answer has not
     * begun, and accounted like any other request: one record, the reservation settled.
     */
    void crashed(RuntimeException e) {
        UnexpectedErrors.log(requestId, e);
        if (finished) {
            return; // the failure was in the accounting itself: it has run once, never twice
        }
        if (record != null) {
            finished(record); // the answer's record was made, its last byte was on its way: it stands
            return;
        }
        failed(ClientError.internal(requestId), 0, List.of());
    }

    private void failed(GatewayError error, int attempts, List<Charge> billed) {
        failure = error;
        if (attempts > 0) {
            side.header(KeyrouteHeaders.ATTEMPTS, String.valueOf(attempts));
        }
        if (cache == null && runtime.config().cache().enabled()) {
            side.header(KeyrouteHeaders.CACHE, CacheUse.BYPASS.status()); // refused before the cache was asked
        }
        record = RequestRecords.failed(requestId, caller, model, route, error.status(), attempts, billed, stream,
                runtime.prices(), micros(System.nanoTime() - start)).withRouteAndOperation(routeReason, operation)
                .withGuardrails(verdicts()).withCache(cache)
                .withExperiment(experiment, experimentArm);
        usage.completing(record);
        try {
            if (!side.answered()) {
                side.refuse(format, error);
            }
        } finally {
            if (error instanceof LimitExceeded) {
                usage.limitRejected(error.code());
            }
            finished(record);
        }
    }

    private void finished(RequestRecord record) {
        finished = true;
        try {
            admission.settle(record);
        } finally {
            usage.record(record);
        }
    }

    /** The request's one record, once made (null before, and when it ended before its books were kept). */
    RequestRecord record() {
        return record;
    }

    /** The error the request was answered with, or null when it was answered. */
    GatewayError failure() {
        return failure;
    }

    /** What the guardrails decided, as the record keeps it; null when none checked the request. */
    private String verdicts() {
        return guardrails == null ? null : VerdictSummary.of(guardrails.verdicts());
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
