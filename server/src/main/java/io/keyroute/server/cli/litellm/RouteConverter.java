package io.keyroute.server.cli.litellm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Model groups become routes: the strategy from {@code routing_strategy}, the weights from
 * {@code weight}/{@code rpm}/{@code tpm} (LiteLLM's simple-shuffle reads the first any deployment
 * has), the fallbacks from {@code fallbacks}, {@code context_window_fallbacks} and
 * {@code default_fallbacks}; {@code model_group_alias} becomes {@code aliases}.
 */
final class RouteConverter {
    private static final Map<String, String> STRATEGIES = Map.of("simple-shuffle", "weighted",
            "latency-based-routing", "latency", "cost-based-routing", "cost", "least-busy", "weighted",
            "usage-based-routing", "weighted", "usage-based-routing-v2", "weighted");

    /** A name a caller may send, as Keyroute's config accepts an alias. */
    private static final Pattern ALIAS_NAME = Pattern.compile("[A-Za-z0-9._:@+-]{1,256}");

    private final Map<String, List<Deployment>> groups;
    private final Set<String> providerIds;
    private final Set<String> incomplete;
    private final RouterSettings settings;
    private final List<NotCarried> notCarried;
    private final Map<String, Set<String>> fallbacks = new LinkedHashMap<>();

    /** @param groups route name → deployments; a group named like a provider is taken out of it */
    RouteConverter(Map<String, List<Deployment>> groups, Set<String> providerIds, Set<String> incomplete,
                   RouterSettings settings, List<NotCarried> notCarried) {
        this.groups = groups;
        this.providerIds = providerIds;
        this.incomplete = incomplete;
        this.settings = settings;
        this.notCarried = notCarried;
    }

    List<Map<String, Object>> routes() {
        groups.keySet().removeIf(name -> {
            boolean clash = providerIds.contains(name);
            if (clash) {
                notCarried.add(new NotCarried("model_list (model_name " + name + ")", "'" + name + "' is a Keyroute"
                        + " provider id, so no route may have that name; its models are reachable as " + name + "/MODEL"));
            }
            return clash;
        });
        String strategy = strategy();
        fallbacks("fallbacks", "");
        fallbacks("context_window_fallbacks", "carried as an ordinary fallback: Keyroute falls back on any"
                + " retryable failure, and passes over a candidate whose context window is too small for the request");
        defaultFallbacks();
        var routes = new ArrayList<Map<String, Object>>();
        groups.forEach((name, deployments) -> routes.add(route(name, deployments, strategy)));
        return routes;
    }

    Map<String, Object> aliases() {
        var aliases = new LinkedHashMap<String, Object>();
        settings.get("model_group_alias").ifPresent(s -> Values.map(s.value()).forEach((alias, target) -> {
            // LiteLLM also takes {model: group, hidden: true}
            String group = target instanceof Map<?, ?> m ? String.valueOf(m.get("model")) : String.valueOf(target);
            String problem = !groups.containsKey(group) ? "its group '" + group + "' was not carried over"
                    : groups.containsKey(alias) || providerIds.contains(alias) ? "'" + alias + "' is also a model group"
                    + " or provider id" : !ALIAS_NAME.matcher(alias).matches() ? "not a model name Keyroute accepts (at"
                    + " most 256 of A-Z a-z 0-9 . _ : @ + -)" : null;
            if (problem == null) {
                aliases.put(alias, group);
            } else {
                notCarried.add(new NotCarried(s.path() + "." + alias, problem));
            }
        }));
        return aliases;
    }

    private String strategy() {
        var setting = settings.get("routing_strategy");
        if (setting.isEmpty()) {
            return "weighted";
        }
        String litellm = String.valueOf(setting.get().value()).strip();
        String keyroute = STRATEGIES.get(litellm);
        if (keyroute == null) {
            notCarried.add(new NotCarried(setting.get().path(), "Keyroute has no '" + litellm + "' strategy: the"
                    + " routes split traffic by weight (sticky per user)"));
            return "weighted";
        }
        if (litellm.startsWith("usage-based") || litellm.equals("least-busy")) {
            notCarried.add(new NotCarried(setting.get().path(), "carried as 'weighted' (by each deployment's weight,"
                    + " rpm or tpm): Keyroute does not track deployments' usage or requests in flight to pick one"));
        }
        return keyroute;
    }

    private Map<String, Object> route(String name, List<Deployment> deployments, String strategy) {
        var route = new LinkedHashMap<String, Object>();
        route.put("name", name);
        Map<String, Double> weights = weights(deployments);
        boolean single = weights.size() == 1;
        route.put("strategy", single ? "fallback" : strategy);
        route.put("candidates", new ArrayList<>(weights.keySet()));
        Set<String> fallback = new LinkedHashSet<>(fallbacks.getOrDefault(name, Set.of()));
        fallback.removeAll(weights.keySet());
        if (!fallback.isEmpty()) {
            route.put("fallback", new ArrayList<>(fallback));
        }
        if (!single && strategy.equals("weighted")) {
            route.put("weights", integral(weights));
        }
        return route;
    }

    /** Candidate → weight: the first of weight, rpm, tpm any deployment has (absent: 0), else equal. */
    private static Map<String, Double> weights(List<Deployment> deployments) {
        List<java.util.function.Function<Deployment, Double>> by = List.of(Deployment::weight, Deployment::rpm,
                Deployment::tpm);
        var measure = by.stream().filter(f -> deployments.stream().anyMatch(d -> f.apply(d) != null)).findFirst()
                .orElse(d -> 1.0);
        var weights = new LinkedHashMap<String, Double>();
        for (Deployment d : deployments) {
            Double w = measure.apply(d);
            weights.merge(d.candidate(), w == null ? 0.0 : w, Double::sum);
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            weights.replaceAll((c, w) -> 1.0);
        }
        return weights;
    }

    /** Keyroute's weights are integers: fractional ones are scaled by 100 first. */
    private static Map<String, Integer> integral(Map<String, Double> weights) {
        boolean whole = weights.values().stream().allMatch(w -> w == Math.rint(w));
        var out = new LinkedHashMap<String, Integer>();
        weights.forEach((c, w) -> out.put(c, (int) Math.round(whole ? w : w * 100)));
        return out;
    }

    private void fallbacks(String key, String note) {
        settings.get(key).ifPresent(setting -> {
            if (!note.isEmpty()) {
                notCarried.add(new NotCarried(setting.path(), note));
            }
            RouterSettings.fallbackMap(setting.value()).forEach((group, targets) -> {
                if (!groups.containsKey(group)) {
                    notCarried.add(new NotCarried(setting.path() + "." + group, "its group was not carried over"));
                    return;
                }
                targets.forEach(target -> addFallback(group, target, setting.path() + "." + group));
            });
        });
    }

    private void defaultFallbacks() {
        settings.get("default_fallbacks").ifPresent(setting -> Values.list(setting.value()).stream()
                .map(String::valueOf).forEach(target -> groups.keySet().stream()
                        .filter(group -> !group.equals(target))
                        .forEach(group -> addFallback(group, target, setting.path()))));
    }

    private void addFallback(String group, String target, String at) {
        List<Deployment> to = groups.get(target);
        if (to == null) {
            notCarried.add(new NotCarried(at, "fallback '" + target + "' was not carried over"));
            return;
        }
        var partial = new NotCarried(at, "fallback '" + target + "' is carried without its deployments that were not");
        if (incomplete.contains(target) && !notCarried.contains(partial)) {
            notCarried.add(partial);
        }
        var set = fallbacks.computeIfAbsent(group, g -> new LinkedHashSet<>());
        to.forEach(d -> set.add(d.candidate()));
    }
}
