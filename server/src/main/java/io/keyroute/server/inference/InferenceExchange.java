package io.keyroute.server.inference;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.routing.RouteDecision;
import io.keyroute.catalog.Target;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.server.auth.Caller;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.guardrails.Verdict;
import io.keyroute.server.guardrails.GuardrailRun;
import java.util.List;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.AttemptRunner;
import io.keyroute.server.inference.attempts.CredentialChoice;
import io.keyroute.server.inference.attempts.Delivery;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.inference.attempts.SessionAffinity;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.telemetry.AttemptSpans;
import io.keyroute.server.telemetry.RequestTrace;
import io.opentelemetry.api.trace.Span;
import java.net.URI;
import java.util.Optional;

/**
 * One inference request on its way through the {@link InferenceFlow}: the chain's position, and
 * what the steps have learnt so far (the caller, the endpoint's request, the routing decision),
 * each set by the step that learns it and read by those after. It is also the attempts' upstream
 * call and delivery, handing both to the endpoint with its request, so a request allocates no
 * lambda for them. Not thread-safe: one request's thread runs its steps.
 *
 * @param <R> the endpoint's request as read
 */
final class InferenceExchange<R> implements AttemptRunner.UpstreamCall, Delivery<Outcome> {
    private final Step[] steps;
    private final Endpoint<R> endpoint;
    private CallerSide side;
    private int next;
    private InFlightLimits.Pass pass;
    private RequestBooks books;
    private Caller caller;
    private byte[] body;
    private int bodyBytes;
    private R request;
    private Conversations.Conversation conversation = Conversations.Conversation.NONE;
    private CredentialChoice credentials = CredentialChoice.asked(Optional.empty());
    private RouteDecision decision;
    private RequestTrace trace;
    private GuardrailRun guardrails;

    InferenceExchange(Step[] steps, Endpoint<R> endpoint, CallerSide side) {
        this.steps = steps;
        this.endpoint = endpoint;
        this.side = side;
    }

    /** Runs the rest of the flow: the next step, which proceeds in turn; what it returns. */
    Outcome proceed() {
        if (next == steps.length) {
            throw new IllegalStateException("the last step of the inference flow proceeded");
        }
        return steps[next++].run(this);
    }

    /** The request's spans: only when telemetry is on. */
    void traced(RequestTrace spans) {
        this.trace = spans;
    }

    /** The request's spans, or null when telemetry is off. */
    RequestTrace trace() {
        return trace;
    }

    /** The GenAI operation: {@code chat}, {@code embeddings}, or null before the request is parsed. */
    String operation() {
        return request == null ? null : chat() != null ? "chat" : "embeddings";
    }

    /** The chat's bound on its answer's tokens, or null. */
    Long maxTokens() {
        return request == null ? null : RequestTrace.maxTokens(chat());
    }

    /** The caller's side: what it sent, where its answer goes. */
    CallerSide side() {
        return side;
    }

    /**
     * The answer goes through {@code wrapper} from here on (the cache's recorder of a miss); the books keep the
     * caller's own side, for headers and refusals.
     */
    void answerThrough(CallerSide wrapper) {
        this.side = wrapper;
    }

    WireFormat format() {
        return endpoint.format();
    }

    void hold(InFlightLimits.Pass held) {
        this.pass = held;
    }

    InFlightLimits.Pass pass() {
        return pass;
    }

    void open(RequestBooks opened) {
        this.books = opened;
    }

    RequestBooks books() {
        return books;
    }

    /** The runtime the books read when the request began: one config version from start to end. */
    GatewayRuntime runtime() {
        return books.runtime();
    }

    void authenticated(Caller who) {
        this.caller = books.authenticated(who);
    }

    Caller caller() {
        return caller;
    }

    void read(byte[] sent) {
        this.body = sent;
    }

    /** The endpoint reads the body; only its length is kept, so a long stream does not hold the bytes too. */
    void parse() {
        request = endpoint.parse(caller, side.headers(), body);
        bodyBytes = body.length;
        body = null;
        books.asked(endpoint.model(request), endpoint.streams(request), operation());
    }

    int bodyBytes() {
        return bodyBytes;
    }

    String model() {
        return endpoint.model(request);
    }

    ChatShape shape() {
        return endpoint.shape(request);
    }

    String previousResponseId() {
        return endpoint.previousResponseId(request);
    }

    /** The request as a chat, or null when it is none (embeddings). */
    ChatRequest chat() {
        return endpoint.chat(request);
    }

    /** @param routed the decision and the credential asked for first (the caller's, or the conversation's) */
    void routed(Conversations.Conversation belongsTo, RequestRouter.Routed routed) {
        this.conversation = belongsTo;
        this.credentials = routed.credentials();
        this.decision = books.routed(routed.decision());
    }

    /**
     * The decision the policy rules left (routed again, or fallbacks taken out); the credential asked
     * for first stays, as it applies only to the target it names.
     */
    void policed(RouteDecision allowed) {
        this.decision = books.routed(allowed);
    }

    /** The guardrails that check this request and its answer, from here on (the books see them too). */
    void guarded(GuardrailRun run) {
        this.guardrails = run;
        books.guarded(run);
    }

    /**
     * The request with {@code body} (a guardrail's redacted copy) in place of the caller's: everything after
     * (policies, limits, the provider, a pass-through's bytes) sees only it.
     */
    void redacted(ObjectNode body) {
        request = endpoint.withBody(request, body);
    }

    /** What the guardrails decided for the request so far (entity types and counts, never values); empty when none ran. */
    List<Verdict> verdicts() {
        return guardrails == null ? List.of() : guardrails.verdicts();
    }

    CredentialChoice credentials() {
        return credentials;
    }

    RouteDecision decision() {
        return decision;
    }

    @Override
    public UpstreamRequest build(Provider provider, Target target, Credential credential, URI baseUrl) {
        return endpoint.upstream(request, conversation.promptCacheKey(), provider, target, credential, baseUrl);
    }

    /** Before its first byte: the headers, and the session's affinity moved to what serves it. */
    @Override
    public Optional<String> pinnedCredential(Provider provider) {
        return endpoint.pinnedCredential(request, provider);
    }

    /** Read at the attempt, late: the chat then is the one the provider is sent (after any guardrail's redaction). */
    @Override
    public Span attemptSpan(Provider provider, Target target, Credential credential, int number, URI uri) {
        if (trace == null) {
            return Span.getInvalid();
        }
        Span span = trace.attempt(operation(), provider, target, credential.id(), number, uri, maxTokens());
        if (books.capturesContent()) {
            AttemptSpans.prompt(span, chat());
        }
        return span;
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        books.delivering(attempt);
        SessionAffinity.departure(credentials, attempt).ifPresent(books::noted);
        conversation.served(attempt);
        Outcome outcome = endpoint.deliver(request, attempt, side, books);
        if (trace != null && outcome != null) {
            AttemptSpans.delivered(attempt.span(), outcome.charge().usage(), outcome.charge().estimated(),
                    endpoint.streams(request), outcome.firstByteNanos(), outcome.result());
        }
        return outcome;
    }
}
