package io.keyroute.server.inference;

import io.helidon.webserver.http.Handler;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.guardrails.GuardrailEvents;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.inference.attempts.AttemptRunner;
import io.keyroute.server.inference.attempts.PolicyCheck;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.telemetry.Telemetry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one inference flow every {@code /v1} endpoint runs: a fixed list of {@link Step}s, each
 * doing its part and proceeding to the next, as OkHttp's interceptor chain does. An
 * {@link Endpoint} supplies only what differs (parse, what routing needs, the upstream call,
 * delivery); {@link #handler} mounts one. A new concern (a guardrail, a cache, a policy) is a new
 * step in {@link #standard}'s list; a new API is a new endpoint; neither edits the other steps.
 */
public final class InferenceFlow {
    private final Step[] steps;

    InferenceFlow(List<Step> steps) {
        this.steps = steps.toArray(Step[]::new);
    }

    /**
     * The flow in the order its checks run, which the errors a caller sees depend on (a request
     * both unauthenticated and too large is answered 401).
     *
     * @param runtimes the current runtime; read once per request, so a reload never splits one
     * @param telemetry traces when it is on; when off the flow makes no span and allocates nothing for one
     */
    public static InferenceFlow standard(InFlightLimits limits, Supplier<GatewayRuntime> runtimes, UsageSink usage,
                                         CallerAuth auth, RequestRouter router, Conversations conversations,
                                         PolicyCheck policies, PolicyEvents policyEvents, RequestGate gate,
                                         AttemptRunner runner, Telemetry telemetry, GuardrailEvents guardrails,
                                         ServeFromCache cache) {
        return new InferenceFlow(List.of(
                new TraceRequest(telemetry),     // the server span, when telemetry is on: first, so it spans it all
                new HoldInFlight(limits),        // a pass held until the request is accounted: a drain waits for it
                new KeepBooks(runtimes, usage),  // x-keyroute-* headers, errors in the endpoint's shape, one record
                new Authenticate(auth),          // the caller's key, then its in-flight slots
                new ReadBody(),                  // within the size limit and the in-flight body budget
                new Parse(),                     // the endpoint's request: model, stream flag, chat
                new Route(router, conversations), // plan, access, circuits, credentials, session affinity
                new Guard(guardrails),           // the guardrails' input checks: redact, block or log
                new ApplyPolicies(policies, policyEvents), // the config's rules: deny, allow or route elsewhere
                cache,                           // a stored answer replayed, or the answer recorded to be stored
                new Admit(gate),                 // rate limits and budgets
                new RunAttempts(runner)));       // attempts with failover, each delivered by the endpoint
    }

    /** The Helidon handler of {@code endpoint}: each request runs the steps on an exchange of its own. */
    <R> Handler handler(Endpoint<R> endpoint) {
        return (req, res) -> exchange(endpoint, new HttpCaller(req, res)).proceed();
    }

    /** A request's exchange, at the first step. */
    <R> InferenceExchange<R> exchange(Endpoint<R> endpoint, CallerSide side) {
        return new InferenceExchange<>(steps, endpoint, side);
    }
}
