package io.keyroute.server.cli.litellm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The router's settings as LiteLLM reads them: {@code router_settings} over {@code litellm_settings}
 * (both may set retries, fallbacks, cooldowns and timeouts), each remembered with its path for
 * messages. Settings outside the router's are {@code litellm_settings}' own, listed by {@link #others()}.
 */
final class RouterSettings {
    /** The keys converted here; the rest of both sections is reported by {@link OtherSettings}. */
    static final Set<String> KEYS = Set.of("routing_strategy", "num_retries", "retry_after", "fallbacks",
            "context_window_fallbacks", "default_fallbacks", "allowed_fails", "cooldown_time", "timeout",
            "request_timeout", "redis_host", "redis_port", "redis_password", "redis_url", "model_group_alias");

    record Setting(Object value, String path) {
    }

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, Setting> others = new LinkedHashMap<>();

    RouterSettings(Map<String, Object> litellmSettings, Map<String, Object> routerSettings) {
        read(litellmSettings, "litellm_settings");
        read(routerSettings, "router_settings");
    }

    private void read(Map<String, Object> section, String name) {
        section.forEach((key, value) -> {
            var setting = new Setting(value, name + "." + key);
            if (KEYS.contains(key)) {
                settings.put(key, setting); // router_settings is read last: it wins, as in LiteLLM
            } else {
                others.put(setting.path(), setting);
            }
        });
    }

    Optional<Setting> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** Settings of both sections that are not the router's, by path. */
    Map<String, Setting> others() {
        return others;
    }

    /** LiteLLM's timeout for every call, in ms: {@code timeout}, else {@code request_timeout}. */
    Long timeoutMs() {
        return get("timeout").or(() -> get("request_timeout")).flatMap(s -> Values.number(s.value()))
                .map(seconds -> Math.round(seconds * 1000)).orElse(null);
    }

    /** A fallbacks list ({@code [{group: [groups]}]}) as group → its fallback groups. */
    static Map<String, List<String>> fallbackMap(Object value) {
        var map = new LinkedHashMap<String, List<String>>();
        for (Object item : Values.list(value)) {
            Values.map(item).forEach((group, to) -> map.put(group, Values.list(to).stream().map(String::valueOf).toList()));
        }
        return map;
    }
}
