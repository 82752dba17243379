package io.keyroute.server.cli.litellm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Keyroute providers the deployments need: one per distinct type, base URL, key and timeout.
 * A deployment at a built-in provider's defaults uses the built-in (which Keyroute always has);
 * others get an id from their prefix ({@code openrouter}, {@code openai-2}). A key written in the
 * LiteLLM file in plaintext is read from a variable instead ({@link Conversion#inlineSecrets()}).
 */
final class ProviderTable {
    private static final Set<String> BUILT_IN_IDS = Set.of("openai", "anthropic", "gemini", "deepseek");

    private final Long defaultTimeoutMs;
    private final Map<List<Object>, String> idsBySettings = new HashMap<>();
    private final Set<String> taken = new HashSet<>(BUILT_IN_IDS);
    /** Built-in ids this table redefined (with a timeout): a second such deployment gets an id of its own. */
    private final Set<String> written = new HashSet<>();
    private final List<Map<String, Object>> entries = new ArrayList<>();
    private final Map<String, String> inlineSecrets = new LinkedHashMap<>();
    private final List<NotCarried> notCarried;

    /** @param defaultTimeoutMs LiteLLM's global timeout for every provider, or null */
    ProviderTable(Long defaultTimeoutMs, List<NotCarried> notCarried) {
        this.defaultTimeoutMs = defaultTimeoutMs;
        this.notCarried = notCarried;
    }

    /**
     * The provider id for a deployment.
     *
     * @param apiBase   the deployment's {@code api_base}, or null
     * @param apiKey    its {@code api_key} as written ({@code os.environ/X} or plaintext), or null
     * @param timeoutMs its own timeout, or null
     * @param at        the deployment's path, for the plaintext-key notice
     */
    String idFor(ProviderPrefix prefix, String apiBase, String apiKey, Long timeoutMs, String at) {
        String base = apiBase == null ? prefix.defaultBase() : Values.configText(trimSlash(apiBase)) + prefix.pathSuffix();
        Long timeout = timeoutMs != null ? timeoutMs : defaultTimeoutMs;
        boolean defaultKey = apiKey == null || Values.envName(apiKey).filter(n -> n.equals(prefix.keyVariable())).isPresent();
        if (prefix.builtInId() != null && apiBase == null && defaultKey && timeout == null) {
            return prefix.builtInId();
        }
        String type = prefix.typeAt(apiBase);
        List<Object> settings = java.util.Arrays.asList(type, base, apiKey, timeout);
        String known = idsBySettings.get(settings);
        if (known != null) {
            return known;
        }
        boolean atBuiltIn = prefix.builtInId() != null && apiBase == null && defaultKey;
        String id = atBuiltIn && written.add(prefix.builtInId()) ? prefix.builtInId() : freeId(prefix.idStem());
        taken.add(id);
        idsBySettings.put(settings, id);
        var entry = new LinkedHashMap<String, Object>();
        entry.put("id", id);
        entry.put("type", type);
        entry.put("base_url", base);
        String key = keyText(prefix, apiKey, id, at);
        if (key != null) {
            entry.put("api_key", key);
        }
        if (timeout != null) {
            entry.put("timeout_ms", timeout);
        }
        entries.add(entry);
        return id;
    }

    /** Every provider id the converted config knows: the built-ins and those made here. */
    Set<String> ids() {
        return Set.copyOf(taken);
    }

    List<Map<String, Object>> entries() {
        return entries;
    }

    Map<String, String> inlineSecrets() {
        return inlineSecrets;
    }

    /** LiteLLM's default variable is optional, as Keyroute's built-ins read theirs; a named one is required. */
    private String keyText(ProviderPrefix prefix, String apiKey, String id, String at) {
        if (apiKey == null) {
            return prefix.keyVariable() == null ? null : "${" + prefix.keyVariable() + ":-}";
        }
        if (Values.envName(apiKey).isPresent()) {
            return Values.configText(apiKey);
        }
        String variable = Values.variableName(id, "API_KEY");
        inlineSecrets.put(variable, apiKey);
        notCarried.add(new NotCarried(at + ".litellm_params.api_key", "written in plaintext in the LiteLLM file; the"
                + " Keyroute config reads it from ${" + variable + "}: set that variable (serve supplies it in memory)"));
        return "${" + variable + "}";
    }

    private String freeId(String stem) {
        if (!taken.contains(stem)) {
            return stem;
        }
        for (int n = 2; ; n++) {
            if (!taken.contains(stem + "-" + n)) {
                return stem + "-" + n;
            }
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
