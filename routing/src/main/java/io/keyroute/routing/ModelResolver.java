package io.keyroute.routing;

import io.keyroute.api.error.ClientError;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code model} a caller asked for into a {@link RoutePlan}: a route name, an explicit
 * {@code provider/model}, or a catalog model's bare name when exactly one provider has it.
 * Immutable; rebuilt when the config changes.
 */
public final class ModelResolver {
    private final Set<String> providerIds;
    private final Map<String, Route> routes;
    private final Map<String, List<Target>> byBareName;

    /**
     * @param providerIds  the configured providers
     * @param routes       the configured routes
     * @param knownModels  catalog models, for bare-name lookups
     */
    public ModelResolver(Set<String> providerIds, List<Route> routes, List<Target> knownModels) {
        this.providerIds = Set.copyOf(providerIds);
        Map<String, Route> byName = new HashMap<>();
        routes.forEach(r -> byName.put(r.name(), r));
        this.routes = Map.copyOf(byName);
        Map<String, List<Target>> bare = new HashMap<>();
        for (Target t : new LinkedHashSet<>(knownModels)) {
            if (providerIds.contains(t.providerId())) {
                bare.merge(t.upstreamModel(), List.of(t), (a, b) -> concat(a, b));
            }
        }
        this.byBareName = Map.copyOf(bare);
    }

    public RoutePlan resolve(String model) {
        Route route = routes.get(model);
        if (route != null) {
            return forRoute(route);
        }
        int slash = model.indexOf('/');
        if (slash > 0 && providerIds.contains(model.substring(0, slash)) && slash < model.length() - 1) {
            return new RoutePlan(List.of(Target.parse(model)), "Requested " + model + " directly.");
        }
        List<Target> matches = byBareName.getOrDefault(model, List.of());
        if (matches.size() == 1) {
            Target only = matches.getFirst();
            return new RoutePlan(matches, "'" + model + "' is " + only.qualified() + " in the catalog.");
        }
        if (matches.size() > 1) {
            throw ClientError.badRequest("ambiguous_model", "'" + model + "' is offered by several providers ("
                    + String.join(", ", matches.stream().map(Target::qualified).toList())
                    + "); name one as provider/model.", "model");
        }
        throw ClientError.modelNotFound(model);
    }

    /** Route names, then catalog models of configured providers, for {@code GET /v1/models}. */
    public List<String> listedModels() {
        var names = new LinkedHashSet<String>(routes.keySet().stream().sorted().toList());
        byBareName.values().stream().flatMap(List::stream).map(Target::qualified).sorted().forEach(names::add);
        return List.copyOf(names);
    }

    private static RoutePlan forRoute(Route route) {
        var ordered = new LinkedHashSet<Target>(route.candidates());
        ordered.addAll(route.fallback());
        String reason = "Route '" + route.name() + "' (" + route.strategy() + "): "
                + (ordered.size() == 1 ? "its only candidate." : "candidates in configured order, fallbacks last.");
        return new RoutePlan(List.copyOf(ordered), reason);
    }

    private static List<Target> concat(List<Target> a, List<Target> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
