package io.keyroute.server.cli.litellm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retries, cooldowns and the shared Redis: {@code num_retries} → {@code retry.max_attempts} (tries,
 * so one more), {@code retry_after} → {@code retry.backoff_ms}, {@code allowed_fails} and
 * {@code cooldown_time} → {@code circuit_breaker}, {@code redis_*} → {@code redis.url}.
 */
final class ReliabilityConverter {
    private final RouterSettings settings;
    private final List<NotCarried> notCarried;
    private final Map<String, String> inlineSecrets;

    ReliabilityConverter(RouterSettings settings, List<NotCarried> notCarried, Map<String, String> inlineSecrets) {
        this.settings = settings;
        this.notCarried = notCarried;
        this.inlineSecrets = inlineSecrets;
    }

    Map<String, Object> retry() {
        var retry = new LinkedHashMap<String, Object>();
        number("num_retries").ifPresent(n -> retry.put("max_attempts", Math.round(n) + 1));
        number("retry_after").ifPresent(s -> retry.put("backoff_ms", Math.round(s * 1000)));
        return retry;
    }

    Map<String, Object> circuitBreaker() {
        var breaker = new LinkedHashMap<String, Object>();
        number("allowed_fails").ifPresent(n -> {
            breaker.put("consecutive_failures", Math.round(n) + 1);
            notCarried.add(new NotCarried(settings.get("allowed_fails").orElseThrow().path(), "carried as"
                    + " circuit_breaker.consecutive_failures (one more): LiteLLM counts failures in a minute, Keyroute"
                    + " failures in a row or circuit_breaker.error_rate over its window"));
        });
        number("cooldown_time").ifPresent(s -> breaker.put("open_ms", Math.round(s * 1000)));
        return breaker;
    }

    /** {@code redis_url}, else {@code redis://[:password@]host:port} from LiteLLM's parts. */
    Map<String, Object> redis() {
        var url = settings.get("redis_url").flatMap(s -> Values.text(s.value())).map(Values::configText)
                .or(() -> settings.get("redis_host").flatMap(s -> Values.text(s.value())).map(host ->
                        "redis://" + password() + Values.configText(host) + ":" + port()));
        return url.<Map<String, Object>>map(u -> Map.of("url", u)).orElse(Map.of());
    }

    private String port() {
        return settings.get("redis_port").flatMap(s -> Values.text(s.value())).map(Values::configText).orElse("6379");
    }

    private String password() {
        var setting = settings.get("redis_password");
        var value = setting.flatMap(s -> Values.text(s.value()));
        if (value.isEmpty()) {
            return "";
        }
        if (Values.envName(value.get()).isPresent()) {
            return ":" + Values.configText(value.get()) + "@";
        }
        String variable = Values.variableName("REDIS_PASSWORD");
        inlineSecrets.put(variable, value.get());
        notCarried.add(new NotCarried(setting.get().path(), "written in plaintext in the LiteLLM file; the Keyroute"
                + " config reads it from ${" + variable + "}: set that variable (serve supplies it in memory)"));
        return ":${" + variable + "}@";
    }

    private Optional<Double> number(String key) {
        return settings.get(key).flatMap(s -> Values.number(s.value()));
    }
}
