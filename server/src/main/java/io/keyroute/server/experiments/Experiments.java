package io.keyroute.server.experiments;

import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.Resolution;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.engine.RoutingEngine;
import io.keyroute.server.config.ExperimentSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiments of one config version, by the route each splits. Routing asks them after the
 * route's own decision ({@link #lead}): the caller's arm is tried first and the route's plan follows
 * as its fallbacks. The books ask which arm a request belongs to ({@link #assignment}) for the ledger.
 * Immutable; one per config.
 */
public final class Experiments {
    public static final Experiments NONE = new Experiments(Map.of());

    private final Map<String, Experiment> byRoute;

    private Experiments(Map<String, Experiment> byRoute) {
        this.byRoute = Map.copyOf(byRoute);
    }

    /**
     * The configured experiments, their arms' models resolved as routing resolves a model name.
     *
     * @param settings validated: each names a route, each arm a provider/model, one experiment a route
     */
    public static Experiments of(List<ExperimentSettings> settings, ModelResolver resolver) {
        if (settings.isEmpty()) {
            return NONE;
        }
        var byRoute = new LinkedHashMap<String, Experiment>();
        for (ExperimentSettings s : settings) {
            List<Experiment.Arm> arms = s.arms().stream().map(a -> new Experiment.Arm(a.model(),
                    switch (resolver.resolve(a.model())) {
                        case Resolution.ToModel m -> m.target();
                        case Resolution.ToRoute r -> throw new IllegalStateException(
                                "experiment " + s.name() + " has an arm naming route " + r.route().name());
                    }, a.weight())).toList();
            byRoute.put(s.route(), new Experiment(s.name(), s.route(), arms));
        }
        return new Experiments(byRoute);
    }

    public List<Experiment> all() {
        return List.copyOf(byRoute.values());
    }

    public Optional<Experiment> named(String name) {
        return byRoute.values().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The experiment and arm a request routed through {@code route} by {@code stickyKey} is counted in. */
    public Optional<Assignment> assignment(String route, String stickyKey) {
        Experiment experiment = route == null ? null : byRoute.get(route);
        return experiment == null ? Optional.empty()
                : Optional.of(new Assignment(experiment.name(), experiment.assign(stickyKey).model()));
    }

    /**
     * {@code decision} with the caller's arm tried first when its route has an experiment, the route's
     * own plan after it as fallbacks; when the arm may not serve the request (not allowed, unavailable,
     * unfit) the route's decision stands, its reason saying so, and the request still counts in the arm
     * (what was assigned is compared, not what happened to serve).
     */
    public RouteDecision lead(RouteDecision decision, RoutingRequest request, RoutingState state, RoutingEngine engine) {
        Experiment experiment = decision.route() == null ? null : byRoute.get(decision.route());
        if (experiment == null) {
            return decision;
        }
        Experiment.Arm arm = experiment.assign(request.stickyKey());
        return engine.led(decision, arm.target(), "Experiment '" + experiment.name() + "' put this caller on arm "
                + arm.model() + " (weight " + arm.weight() + " of " + experiment.totalWeight() + ")", request, state);
    }

    /** A request's experiment and arm (the arm's model as configured). */
    public record Assignment(String experiment, String arm) {
    }
}
