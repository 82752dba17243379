package io.keyroute.routing.engine;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Needs;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.Candidate;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.Resolution;
import io.keyroute.routing.Route;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.Skip;
import io.keyroute.routing.Unavailable;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.complexity.Classification;
import io.keyroute.routing.complexity.ComplexityClassifier;
import io.keyroute.routing.complexity.RequestFeatures;
import io.keyroute.routing.strategy.Ordering;
import io.keyroute.routing.strategy.Strategies;
import io.keyroute.routing.strategy.Strategy;
import io.keyroute.routing.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one request, which targets to try in order and why. A route's candidates are
 * checked (plan and key allow-lists, what only OpenAI's Responses API serves, availability,
 * capabilities and context window), the survivors ordered by the route's strategy, and the
 * surviving fallbacks appended. Pure and
 * deterministic: the same request and state give the same decision. Immutable; one per config.
 */
public final class RoutingEngine {
    private static final int SKIPS_IN_REASON = 3;

    private final ModelResolver resolver;
    private final ModelCatalog catalog;
    private final Set<String> responsesApiProviders;
    private final ComplexityClassifier classifier = new ComplexityClassifier();

    /**
     * @param responsesApiProviders the providers (by id) that are OpenAI's own Responses API, the only
     *                              ones that can serve what {@link ChatShape#openAiResponsesOnly} names
     */
    public RoutingEngine(ModelResolver resolver, ModelCatalog catalog, Set<String> responsesApiProviders) {
        this.resolver = resolver;
        this.catalog = catalog;
        this.responsesApiProviders = Set.copyOf(responsesApiProviders);
    }

    public ModelResolver resolver() {
        return resolver;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * @throws ClientError 404/400 for an unknown or ambiguous model, 403 {@code model_not_allowed},
     *                     400 {@code no_capable_model}, or the error of the only unavailable target
     */
    public RouteDecision decide(RoutingRequest request, RoutingState state) {
        Classification classification = classifier.classify(request.shape());
        Needs needs = needs(request.shape(), classification.features());
        return switch (resolver.resolve(request.model())) {
            case Resolution.ToRoute r -> routed(r.route(), request, classification, needs, state);
            case Resolution.ToModel m -> direct(m, request, classification, needs, state);
        };
    }

    /**
     * {@code decision} with {@code target} tried first and {@code why} (a sentence without its full stop)
     * before its reason, the decision's
     * own plan after it, when {@code target} may serve the request: checked as a route's candidate is
     * (plan and key allow-lists, what only the Responses API serves, availability, capabilities and
     * context window). When it may not, the decision as it was, its reason saying why.
     */
    public RouteDecision led(RouteDecision decision, Target target, String why, RoutingRequest request,
                             RoutingState state) {
        List<Skip> skipped = new ArrayList<>(1);
        eligible(List.of(target), 0, request, decision.needs(), state, skipped);
        if (!skipped.isEmpty()) {
            return decision.noted(why + ", but skipped " + skipped.getFirst().describe() + ".");
        }
        return decision.led(estimate(target, decision.needs()), why + ".");
    }

    /** Capabilities the request's shape calls for, and room for its prompt and the output asked for. */
    private static Needs needs(ChatShape shape, RequestFeatures features) {
        var caps = EnumSet.noneOf(Capability.class);
        if (shape.images() > 0) {
            caps.add(Capability.VISION);
        }
        if (shape.documents() > 0) {
            caps.add(Capability.PDF);
        }
        if (shape.tools() > 0) {
            caps.add(Capability.TOOLS);
        }
        if (shape.wantsJson()) {
            caps.add(Capability.JSON_MODE);
        }
        if (shape.stream()) {
            caps.add(Capability.STREAMING);
        }
        int requested = features.requestedOutputTokens();
        return new Needs(caps, features.promptTokens(), requested,
                requested > 0 ? requested : Needs.DEFAULT_OUTPUT_TOKENS);
    }

    /**
     * One model, asked for by name: allowed or 403; callable or its unavailability's error.
     * Capabilities are not checked: the caller chose, and the provider's own answer is clearer.
     */
    private RouteDecision direct(Resolution.ToModel m, RoutingRequest request, Classification classification,
                                 Needs needs, RoutingState state) {
        Target target = m.target();
        Optional<String> denied = request.access().denies(target, resolver.unaliased(request.model()));
        if (denied.isPresent()) {
            throw request.access().notAllowed(request.model(), denied.get());
        }
        state.unavailable(target).ifPresent(u -> {
            throw u.error();
        });
        String reason = m.how() + "; " + describe(classification) + ".";
        return new RouteDecision(request.model(), null, "direct", classification, null, needs,
                List.of(estimate(target, needs)), List.of(), reason);
    }

    private RouteDecision routed(Route route, RoutingRequest request, Classification classification, Needs needs,
                                 RoutingState state) {
        List<Skip> skipped = new ArrayList<>();
        List<Candidate> candidates = eligible(route.candidates(), 0, request, needs, state, skipped);
        var fallback = new ArrayList<>(route.fallback());
        fallback.removeAll(route.candidates());
        List<Candidate> fallbacks = eligible(fallback, route.candidates().size(), request, needs, state, skipped);
        if (candidates.isEmpty() && fallbacks.isEmpty()) {
            throw nothingLeft(route, request, state, skipped);
        }
        Strategy strategy = Strategies.named(route.strategy()).orElseThrow(
                () -> new IllegalStateException("route " + route.name() + " has unknown strategy " + route.strategy()));
        var context = new StrategyContext(route, classification, needs, state, request.stickyKey());
        Ordering ordering = candidates.isEmpty()
                ? new Ordering(List.of(), "no candidate left, so fallback " + fallbacks.getFirst().target().qualified())
                : strategy.order(candidates, context);
        var ordered = new LinkedHashSet<Target>();
        ordering.candidates().forEach(c -> ordered.add(c.target()));
        fallbacks.forEach(c -> ordered.add(c.target()));
        Tier tier = route.strategy().equals("complexity") ? route.tierMap().tierFor(classification.complexity()) : null;
        String reason = "Route '" + route.name() + "' (" + route.strategy() + "): " + describe(classification)
                + "; " + ordering.why() + skipsClause(skipped) + ".";
        return new RouteDecision(request.model(), route.name(), route.strategy(), classification, tier, needs,
                ordered.stream().map(t -> estimate(t, needs)).toList(), skipped, reason);
    }

    private List<Candidate> eligible(List<Target> targets, int firstPosition, RoutingRequest request, Needs needs,
                                     RoutingState state, List<Skip> skipped) {
        List<Candidate> eligible = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            Optional<ModelInfo> info = catalog.find(target);
            Optional<Skip> skip = request.access().denies(target, resolver.unaliased(request.model()))
                    .map(r -> new Skip(target, Skip.Kind.ACCESS, r))
                    .or(() -> openAiOnlyUnservedBy(target, request.shape()))
                    .or(() -> state.unavailable(target).map(u -> new Skip(target, Skip.Kind.UNAVAILABLE, u.reason())))
                    .or(() -> info.flatMap(needs::unmetBy).map(r -> new Skip(target, Skip.Kind.UNFIT, r)));
            if (skip.isPresent()) {
                skipped.add(skip.get());
            } else {
                eligible.add(new Candidate(target, info, firstPosition + i));
            }
        }
        return eligible;
    }

    /** Skips a target that is not OpenAI's Responses API when the request has what only that API serves. */
    private Optional<Skip> openAiOnlyUnservedBy(Target target, ChatShape shape) {
        List<String> openAiOnly = shape.openAiResponsesOnly();
        if (openAiOnly.isEmpty() || responsesApiProviders.contains(target.providerId())) {
            return Optional.empty();
        }
        return Optional.of(new Skip(target, Skip.Kind.UNFIT, "only OpenAI's Responses API serves the request's "
                + openAiOnly.getFirst()));
    }

    /**
     * Not allowed at all: 403; else, when every unavailable target is an upstream passed over (open
     * circuits), one error naming each; else the first unavailable target's own error; else 400.
     */
    private static RuntimeException nothingLeft(Route route, RoutingRequest request, RoutingState state,
                                                List<Skip> skipped) {
        if (skipped.stream().allMatch(s -> s.kind() == Skip.Kind.ACCESS)) {
            return request.access().notAllowed(request.model(), skipped.getFirst().reason());
        }
        // Asked again so the caller gets each target's own error (e.g. no_credential naming the provider).
        List<GatewayError> unavailable = skipped.stream().filter(s -> s.kind() == Skip.Kind.UNAVAILABLE)
                .flatMap(s -> state.unavailable(s.target()).stream()).map(Unavailable::error).distinct().toList();
        List<UpstreamError> upstreams = unavailable.stream().filter(e -> e instanceof UpstreamError)
                .map(e -> (UpstreamError) e).toList();
        if (!unavailable.isEmpty()) {
            return upstreams.size() == unavailable.size() ? UpstreamError.exhausted(upstreams) : unavailable.getFirst();
        }
        return ClientError.badRequest("no_capable_model", "No model of route '" + route.name()
                + "' can serve this request: " + String.join("; ", skipped.stream().map(Skip::describe).toList()) + ".",
                "model");
    }

    private RouteDecision.Estimate estimate(Target target, Needs needs) {
        Optional<ModelInfo> info = catalog.find(target);
        return new RouteDecision.Estimate(target, info.map(ModelInfo::tier).orElse(null),
                info.flatMap(i -> boxed(needs.estimatedUsd(i))).orElse(null));
    }

    private static Optional<Double> boxed(java.util.OptionalDouble d) {
        return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
    }

    private static String describe(Classification c) {
        var top = c.deciding().stream().limit(2).toList();
        return c.complexity() + " request" + (top.isEmpty() ? "" : " (" + String.join(", ", top) + ")");
    }

    private static String skipsClause(List<Skip> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        var shown = skipped.stream().limit(SKIPS_IN_REASON).map(Skip::describe).toList();
        int more = skipped.size() - shown.size();
        return "; skipped " + String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }
}
