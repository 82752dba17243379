package io.keyroute.server.cli.litellm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code model_list}: each deployment becomes a candidate {@code provider/model} of the route its
 * {@code model_name} names; deployments sharing a name are one load-balanced route. Per-token prices
 * become catalog overrides ({@code models:}).
 */
final class ModelListConverter {
    private static final Set<String> CARRIED_PARAMS = Set.of("model", "api_key", "api_base", "rpm", "tpm", "weight",
            "timeout", "input_cost_per_token", "output_cost_per_token");
    private static final Map<String, String> PARAM_REASONS = Map.of(
            "api_version", "an Azure setting; Keyroute has no Azure OpenAI provider",
            "stream_timeout", "Keyroute bounds a stream by server.stream_max_ms and, between events, by its provider's"
                    + " timeout_ms",
            "region_name", "Keyroute does not route by region",
            "max_parallel_requests", "Keyroute bounds requests in flight per key and per process"
                    + " (server.max_in_flight_per_key, server.max_in_flight), not per deployment");
    private static final String PER_DEPLOYMENT_LIMIT = "Keyroute limits rates per key, user and workspace, not per"
            + " deployment";

    private final ProviderTable providers;
    private final List<NotCarried> notCarried;
    private final Map<String, List<Deployment>> groups = new LinkedHashMap<>();
    private final Set<String> incomplete = new LinkedHashSet<>();
    private final Map<String, Map<String, Object>> prices = new LinkedHashMap<>();

    ModelListConverter(ProviderTable providers, List<NotCarried> notCarried) {
        this.providers = providers;
        this.notCarried = notCarried;
    }

    /** Route name → its deployments, in file order. */
    Map<String, List<Deployment>> convert(List<?> modelList) {
        for (int i = 0; i < modelList.size(); i++) {
            deployment(Values.map(modelList.get(i)), "model_list[" + i + "]");
        }
        return groups;
    }

    /** Groups with at least one deployment not carried over (a fallback to them is partial). */
    Set<String> incomplete() {
        return incomplete;
    }

    /** {@code models:} entries: the per-token prices deployments set. */
    List<Map<String, Object>> models() {
        return new ArrayList<>(prices.values());
    }

    private void deployment(Map<String, Object> entry, String at) {
        String name = Values.text(entry.get("model_name")).orElse(null);
        Map<String, Object> params = Values.map(entry.get("litellm_params"));
        String model = Values.text(params.get("model")).orElse(null);
        if (name == null || model == null) {
            skip(name, at, "has no model_name or no litellm_params.model");
            return;
        }
        if (name.contains("*") || model.contains("*")) {
            skip(name, at, "a wildcard: Keyroute already accepts any provider/model of a configured provider"
                    + " (e.g. openai/gpt-4o-mini)");
            return;
        }
        if (name.contains("/")) {
            skip(name, at, "model_name '" + name + "' has a '/', which Keyroute reads as provider/model; the same"
                    + " model is reachable as its provider/model");
            return;
        }
        int slash = model.indexOf('/');
        String prefixName = slash < 0 ? null : model.substring(0, slash);
        String modelId = slash < 0 ? model : model.substring(slash + 1);
        var prefix = prefixName == null ? ProviderPrefix.inferredFor(model) : ProviderPrefix.named(prefixName);
        if (prefix.isEmpty()) {
            skip(name, at, prefixName == null
                    ? "LiteLLM infers the provider of '" + model + "'; Keyroute cannot: write it with a provider prefix"
                    : "Keyroute has no '" + prefixName + "' provider");
            return;
        }
        if (modelId.isBlank()) {
            skip(name, at, "names no model after the '" + prefixName + "/' prefix");
            return;
        }
        String apiBase = Values.text(params.get("api_base")).orElse(null);
        if (apiBase == null && prefix.get().defaultBase() == null) {
            skip(name, at, "a " + prefixName + " deployment needs an api_base");
            return;
        }
        Long timeoutMs = Values.number(params.get("timeout")).map(s -> Math.round(s * 1000)).orElse(null);
        String id = providers.idFor(prefix.get(), apiBase, Values.text(params.get("api_key")).orElse(null), timeoutMs, at);
        String candidate = id + "/" + modelId;
        Double rpm = firstNumber(params.get("rpm"), entry.get("rpm"));
        Double tpm = firstNumber(params.get("tpm"), entry.get("tpm"));
        groups.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new Deployment(candidate, firstNumber(params.get("weight"), entry.get("weight")), rpm, tpm));
        price(candidate, params);
        leftOver(entry, params, at);
    }

    private void price(String candidate, Map<String, Object> params) {
        var input = Values.number(params.get("input_cost_per_token"));
        var output = Values.number(params.get("output_cost_per_token"));
        if (input.isEmpty() && output.isEmpty()) {
            return;
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("id", candidate);
        input.ifPresent(usd -> model.put("input_usd_per_mtok", usd * 1_000_000));
        output.ifPresent(usd -> model.put("output_usd_per_mtok", usd * 1_000_000));
        prices.putIfAbsent(candidate, model);
    }

    private void leftOver(Map<String, Object> entry, Map<String, Object> params, String at) {
        params.keySet().stream().filter(k -> !CARRIED_PARAMS.contains(k)).forEach(k -> notCarried.add(new NotCarried(
                at + ".litellm_params." + k, PARAM_REASONS.getOrDefault(k, "Keyroute sets no request parameter or"
                        + " provider option per deployment"))));
        for (String limit : List.of("rpm", "tpm")) {
            if (params.containsKey(limit) || entry.containsKey(limit)) {
                notCarried.add(new NotCarried(at + "." + limit, "used as a load-balancing weight only; "
                        + PER_DEPLOYMENT_LIMIT));
            }
        }
        if (entry.containsKey("model_info")) {
            notCarried.add(new NotCarried(at + ".model_info", "Keyroute reads a model's facts from its catalog;"
                    + " override them under models:"));
        }
    }

    private void skip(String name, String at, String reason) {
        if (name != null) {
            incomplete.add(name);
        }
        notCarried.add(new NotCarried(at, reason));
    }

    private static Double firstNumber(Object first, Object second) {
        return Values.number(first).or(() -> Values.number(second)).orElse(null);
    }
}
