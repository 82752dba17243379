package io.keyroute.server.inference.attempts;

import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.health.Health;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.runtime.GatewayRuntime;
import java.time.Clock;
import java.util.Optional;

/**
 * Asks the routing engine for a decision with this caller's plan, key and the gateway's live
 * state, puts the caller's arm first where the route has an experiment, and keeps a conversation where it was served while that stays healthy; shared by the
 * inference endpoints and {@code POST /api/v1/route/explain}.
 */
public final class RequestRouter {
    private final CredentialResolver credentials;
    private final Health health;
    private final Clock clock;

    public RequestRouter(CredentialResolver credentials, Health health, Clock clock) {
        this.credentials = credentials;
        this.health = health;
        this.clock = clock;
    }

    /**
     * @throws io.keyroute.api.error.GatewayError when the model is unknown, not allowed, or
     *                                            nothing can serve the request
     */
    public RouteDecision decide(GatewayRuntime runtime, Caller caller, String model, ChatShape shape,
                                Optional<String> credentialId) {
        return decide(runtime, caller, model, shape, credentialId, Optional.empty()).decision();
    }

    /**
     * As {@link #decide(GatewayRuntime, Caller, String, ChatShape, Optional)}, for a conversation last
     * served by {@code kept}: see {@link SessionAffinity}.
     */
    public Routed decide(GatewayRuntime runtime, Caller caller, String model, ChatShape shape,
                         Optional<String> credentialId, Optional<KeptRoute> kept) {
        CallerPlan plan = CallerPlan.of(runtime.config(), caller);
        var state = new LiveRoutingState(runtime, health, credentials, caller, credentialId, plan.ownKeysAllowed(),
                clock.instant());
        var request = new RoutingRequest(model, shape, plan.access(), caller.stickyKey());
        RouteDecision decision = runtime.experiments().lead(runtime.routing().decide(request, state), request, state,
                runtime.routing());
        return kept.isEmpty() ? new Routed(decision, CredentialChoice.asked(credentialId))
                : SessionAffinity.keep(decision, kept.get(), state, credentialId);
    }

    /** A decision, and the credential its attempts ask for first. */
    public record Routed(RouteDecision decision, CredentialChoice credentials) {
    }
}
