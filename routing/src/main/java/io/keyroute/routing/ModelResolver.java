package io.keyroute.routing;

import io.keyroute.api.error.ClientError;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code model} a caller asked for: a route name, an alias from the config (a name that
 * stands for a route or model), an explicit {@code provider/model}, or a catalog model's bare name
 * when exactly one configured provider has it. Aliases come before bare names, so a client's fixed
 * name ({@code claude-sonnet-4-5}) can mean any model or route. A provider's own
 * spelling of a model (Gemini's {@code models/gemini-2.5-pro}) is that model: routed, priced and
 * metered as the catalog's {@code gemini/gemini-2.5-pro}. Immutable; rebuilt when the config changes.
 */
public final class ModelResolver {
    private final Set<String> providerIds;
    private final ModelSpellings spellings;
    private final Map<String, Route> routes;
    private final Map<String, List<Target>> byBareName;
    private final Map<String, String> aliases;

    public ModelResolver(Set<String> providerIds, List<Route> routes, ModelCatalog catalog) {
        this(providerIds, ModelSpellings.NONE, routes, catalog);
    }

    public ModelResolver(Set<String> providerIds, ModelSpellings spellings, List<Route> routes, ModelCatalog catalog) {
        this(providerIds, spellings, routes, catalog, Map.of());
    }

    /**
     * @param aliases name → a route name or {@code provider/model}; the config validator has
     *                checked that none shadows a route or names another alias
     */
    public ModelResolver(Set<String> providerIds, ModelSpellings spellings, List<Route> routes, ModelCatalog catalog,
                         Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
        this.providerIds = Set.copyOf(providerIds);
        this.spellings = spellings;
        Map<String, Route> byName = new HashMap<>();
        routes.forEach(r -> byName.put(r.name(), r));
        this.routes = Map.copyOf(byName);
        Map<String, List<Target>> bare = new HashMap<>();
        for (ModelInfo m : catalog.all()) {
            Target t = m.target();
            if (providerIds.contains(t.providerId())) {
                bare.computeIfAbsent(t.upstreamModel(), k -> new ArrayList<>()).add(t);
            }
        }
        bare.replaceAll((k, v) -> List.copyOf(v));
        this.byBareName = Map.copyOf(bare);
    }

    public Resolution resolve(String model) {
        String aliased = aliases.get(model);
        if (aliased != null) {
            return switch (named(aliased)) {
                case Resolution.ToRoute r -> r;
                case Resolution.ToModel m -> new Resolution.ToModel(m.target(),
                        "'" + model + "' is an alias of " + m.target().qualified());
            };
        }
        return named(model);
    }

    /**
     * The route or model {@code model} names once an alias is read, for allow-lists: a key that
     * may use route {@code auto} may use every alias of it.
     */
    public String unaliased(String model) {
        return aliases.getOrDefault(model, model);
    }

    /** A name as it is, aliases aside. */
    private Resolution named(String model) {
        Route route = routes.get(model);
        if (route != null) {
            return new Resolution.ToRoute(route);
        }
        int slash = model.indexOf('/');
        if (slash > 0 && providerIds.contains(model.substring(0, slash)) && slash < model.length() - 1) {
            Target asked = Target.parse(model);
            Target target = spellings.canonical(asked);
            return new Resolution.ToModel(target, "Requested " + model + " directly"
                    + (target.equals(asked) ? "" : " (" + asked.providerId() + "'s spelling of " + target.qualified() + ")"));
        }
        List<Target> matches = byBareName.getOrDefault(model, List.of());
        if (matches.isEmpty()) {
            matches = spelledByProvider(model);
        }
        if (matches.size() == 1) {
            Target only = matches.getFirst();
            return new Resolution.ToModel(only, "'" + model + "' is " + only.qualified() + " in the catalog");
        }
        if (matches.size() > 1) {
            throw ClientError.badRequest("ambiguous_model", "'" + model + "' is offered by several providers ("
                    + String.join(", ", matches.stream().map(Target::qualified).toList())
                    + "); name one as provider/model.", "model");
        }
        throw ClientError.modelNotFound(model);
    }

    /** A bare name in a provider's own spelling ({@code models/gemini-2.5-pro}): that provider's catalog models of the name. */
    private List<Target> spelledByProvider(String model) {
        List<Target> matches = new ArrayList<>();
        spellings.prefixes().forEach((providerId, prefix) -> {
            if (model.startsWith(prefix)) {
                byBareName.getOrDefault(model.substring(prefix.length()), List.of()).stream()
                        .filter(t -> t.providerId().equals(providerId)).forEach(matches::add);
            }
        });
        return matches;
    }

    public Optional<Route> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    /** Route names, aliases, then catalog models of configured providers, for {@code GET /v1/models}. */
    public List<String> listedModels() {
        var names = new LinkedHashSet<String>(routes.keySet().stream().sorted().toList());
        aliases.keySet().stream().sorted().forEach(names::add);
        byBareName.values().stream().flatMap(List::stream).map(Target::qualified).sorted().forEach(names::add);
        return List.copyOf(names);
    }
}
