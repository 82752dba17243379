package io.keyroute.server.config;

import io.keyroute.catalog.Capability;
import io.keyroute.catalog.Tier;
import io.keyroute.providers.ProviderRegistry;
import io.keyroute.routing.TierMap;
import io.keyroute.routing.complexity.Complexity;
import io.keyroute.routing.strategy.Strategies;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.policy.InvalidPolicies;
import io.keyroute.server.policy.PolicyEffect;
import io.keyroute.server.policy.PolicyRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed config and reports every problem at once, each as
 * {@code FILE: field.path: what is wrong}. Only names, ids, enum-like words and numbers are
 * quoted; keys and URLs (which may carry credentials) never are. Stateless and thread-safe.
 */
public final class ConfigValidator {
    private static final ProviderRegistry KINDS = ProviderRegistry.builtIn();
    private static final List<String> TIERS = Tier.configNames();
    private static final List<String> CAPABILITIES = Capability.configNames();
    private static final List<String> STRATEGIES = Strategies.configNames();
    private static final int MIN_METRICS_TOKEN = 16;
    private static final int MIN_WEBHOOK_SECRET = 16;
    private static final int MAX_ALERT_ATTEMPTS = 20;
    private static final int MAX_AFFINITY_SESSIONS = 1_000_000;
    /** A model name a caller may send (the inference API's rule), without '/': that would read as provider/model. */
    private static final Pattern ALIAS_NAME = Pattern.compile("[A-Za-z0-9._:@+-]{1,256}");
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** The problems in {@code config}, read from {@code source}; empty when it is valid. */
    public List<String> validate(KeyrouteConfig config, String source) {
        var problems = new Problems(source);
        server(config.server(), problems);
        stores(config, problems);
        Set<String> providerIds = providers(config.providers(), problems);
        models(config.models(), problems);
        routes(config.routes(), providerIds, problems);
        aliases(config.aliases(), config.routes(), providerIds, problems);
        retry(config.retry(), problems);
        plans(config.plans(), problems);
        metrics(config.metrics(), problems);
        circuitBreaker(config.circuitBreaker(), problems);
        responses(config.responses(), problems);
        usage(config.usage(), problems);
        alerts(config.alerts(), problems);
        policies(config, providerIds, problems);
        GuardrailRules.check(config.guardrails(), problems);
        SemanticCacheCheck.check(config, problems);
        A2aConfigCheck.check(config.a2a(), problems);
        CacheConfigCheck.check(config, problems);
        McpOAuthCheck.check(config.mcp(), problems);
        ExperimentsCheck.check(config.experiments(), config.routes(), providerIds, problems);
        McpConfigCheck.check(config.mcp(), problems);
        return problems.list();
    }

    private static void alerts(KeyrouteConfig.AlertsSettings alerts, Problems problems) {
        for (int percent : alerts.budgetThresholds()) {
            if (percent < 1 || percent > 100) {
                problems.add("alerts.budget_thresholds", percent + " is not a percent in 1..100");
            }
        }
        if (alerts.maxAttempts() < 1 || alerts.maxAttempts() > MAX_ALERT_ATTEMPTS) {
            problems.add("alerts.max_attempts", alerts.maxAttempts() + " is not in 1.." + MAX_ALERT_ATTEMPTS);
        }
        positive("alerts.backoff_ms", alerts.backoffMs(), problems);
        positive("alerts.queue", alerts.queue(), problems);
        if (alerts.retentionDays() < 1 || alerts.retentionDays() > KeyrouteConfig.AlertsSettings.MAX_RETENTION_DAYS) {
            problems.add("alerts.retention_days", alerts.retentionDays() + " is not in 1.."
                    + KeyrouteConfig.AlertsSettings.MAX_RETENTION_DAYS);
        }
        var names = new HashSet<String>();
        for (int i = 0; i < alerts.webhooks().size(); i++) {
            var hook = alerts.webhooks().get(i);
            String at = "alerts.webhooks[" + i + "]";
            if (hook.name() == null || hook.name().isBlank()) {
                problems.add(at + ".name", "must not be blank");
            } else if (!names.add(hook.name())) {
                problems.add(at + ".name", quote(hook.name()) + " is used twice");
            }
            if (hook.url() == null || !isHttpUrl(hook.url()) || URI.create(hook.url()).getRawUserInfo() != null) {
                problems.add(at + ".url", "must be an absolute http:// or https:// URL without user info");
            }
            for (String event : hook.events()) {
                oneOf(at + ".events", event, KeyrouteConfig.AlertsSettings.EVENTS, problems);
            }
            String secret = hook.secret();
            if (secret == null || secret.length() < MIN_WEBHOOK_SECRET || secret.chars().anyMatch(Character::isWhitespace)) {
                problems.add(at + ".secret", "must be at least " + MIN_WEBHOOK_SECRET + " characters without spaces"
                        + " (every delivery is signed with it)");
            }
            positive(at + ".timeout_ms", hook.timeoutMs(), problems);
        }
    }

    /** A short or spaced token is a typo or a guessable secret; the token itself is never quoted. */
    private static void metrics(KeyrouteConfig.MetricsSettings metrics, Problems problems) {
        String token = metrics.token();
        if (token != null && (token.length() < MIN_METRICS_TOKEN || token.chars().anyMatch(Character::isWhitespace))) {
            problems.add("metrics.token", "must be at least " + MIN_METRICS_TOKEN + " characters without spaces");
        }
    }

    private static void circuitBreaker(KeyrouteConfig.CircuitBreakerSettings breaker, Problems problems) {
        positive("circuit_breaker.consecutive_failures", breaker.consecutiveFailures(), problems);
        positive("circuit_breaker.window", breaker.window(), problems);
        positive("circuit_breaker.min_calls", breaker.minCalls(), problems);
        positive("circuit_breaker.probes", breaker.probes(), problems);
        notNegative("circuit_breaker.open_ms", breaker.openMs(), problems);
        if (breaker.errorRate() <= 0 || breaker.errorRate() > 1) {
            problems.add("circuit_breaker.error_rate", "must be greater than 0 and at most 1");
        }
        if (breaker.minCalls() > breaker.window()) {
            problems.add("circuit_breaker.min_calls", "must be at most window (" + breaker.window() + ")");
        }
    }

    private static void usage(UsageSettings usage, Problems problems) {
        Integer days = usage.retentionDays();
        if (days != null && (days < UsageSettings.MIN_RETENTION_DAYS || days > UsageSettings.MAX_RETENTION_DAYS)) {
            problems.add("usage.retention_days", days + " is not in " + UsageSettings.MIN_RETENTION_DAYS + ".."
                    + UsageSettings.MAX_RETENTION_DAYS + " (a budget's counter is rebuilt from a month of raw rows)");
        }
    }

    private static void responses(KeyrouteConfig.ResponsesSettings responses, Problems problems) {
        int days = responses.retentionDays();
        if (days < 1 || days > KeyrouteConfig.ResponsesSettings.MAX_RETENTION_DAYS) {
            problems.add("responses.retention_days", days + " is not in 1.."
                    + KeyrouteConfig.ResponsesSettings.MAX_RETENTION_DAYS);
        }
        positive("responses.websocket_idle_ms", responses.websocketIdleMs(), problems);
        positive("responses.websocket_max_ms", responses.websocketMaxMs(), problems);
    }

    private static void server(KeyrouteConfig.ServerSettings server, Problems problems) {
        if (server.port() < 1 || server.port() > 65535) {
            problems.add("server.port", server.port() + " is not in 1..65535");
        }
        if (server.host() == null || server.host().isBlank()) {
            problems.add("server.host", "must not be blank");
        }
        positive("server.max_request_bytes", server.maxRequestBytes(), problems);
        positive("server.sse_heartbeat_ms", server.sseHeartbeatMs(), problems);
        positive("server.upstream_connections", server.upstreamConnections(), problems);
        positive("server.max_in_flight", server.maxInFlight(), problems);
        positive("server.max_in_flight_per_key", server.maxInFlightPerKey(), problems);
        positive("server.max_buffered_body_bytes", server.maxBufferedBodyBytes(), problems);
        notNegative("server.drain_ms", server.drainMs(), problems);
        positive("server.request_head_timeout_ms", server.requestHeadTimeoutMs(), problems);
        positive("server.write_timeout_ms", server.writeTimeoutMs(), problems);
        positive("server.stream_max_ms", server.streamMaxMs(), problems);
        positive("server.management_rpm", server.managementRpm(), problems);
        notNegative("server.affinity_sessions", server.affinitySessions(), problems);
        positive("server.affinity_idle_ms", server.affinityIdleMs(), problems);
        if (server.affinitySessions() > MAX_AFFINITY_SESSIONS) { // an entry is up to ~1 KB of heap
            problems.add("server.affinity_sessions", "must be at most " + MAX_AFFINITY_SESSIONS);
        }
        if (server.maxBufferedBodyBytes() < server.maxRequestBytes()) { // else a body within the limit is never served
            problems.add("server.max_buffered_body_bytes", "must be at least max_request_bytes (" + server.maxRequestBytes() + ")");
        }
        if (server.maxInFlightPerKey() > server.maxInFlight()) {
            problems.add("server.max_in_flight_per_key", "must be at most max_in_flight (" + server.maxInFlight() + ")");
        }
    }

    private static void stores(KeyrouteConfig config, Problems problems) {
        String db = config.database().url();
        if (!db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            problems.add("database.url", "must be a JDBC URL, jdbc:sqlite:… or jdbc:postgresql://…");
        }
        if (config.redis() != null && !config.redis().url().matches("rediss?://.+")) {
            problems.add("redis.url", "must be a redis:// or rediss:// URL");
        }
    }

    /** Returns the valid, distinct provider ids, for route checks. */
    private static Set<String> providers(List<ProviderSettings> providers, Problems problems) {
        var ids = new LinkedHashSet<String>();
        for (int i = 0; i < providers.size(); i++) {
            var p = providers.get(i);
            String at = "providers[" + i + "]";
            if (p.id() == null || p.id().isBlank()) {
                problems.add(at + ".id", "must not be blank");
            } else if (!PROVIDER_ID.matcher(p.id()).matches()) {
                problems.add(at + ".id", quote(p.id()) + " must match [a-z0-9][a-z0-9._-]*");
            } else if (!ids.add(p.id())) {
                problems.add(at + ".id", quote(p.id()) + " is used by another provider");
            }
            oneOf(at + ".type", p.type(), KINDS.configNames(), problems);
            if (p.baseUrl() != null && !isHttpUrl(p.baseUrl())) {
                problems.add(at + ".base_url", "must be an absolute http:// or https:// URL");
            }
            if (p.baseUrl() == null && KINDS.find(p.type()).filter(k -> k.defaultBaseUrl().isEmpty()).isPresent()) {
                problems.add(at + ".base_url", "is required for type " + p.type());
            }
            positive(at + ".timeout_ms", p.timeoutMs(), problems);
            positive(at + ".connect_timeout_ms", p.connectTimeoutMs(), problems);
        }
        return ids;
    }

    private static void models(List<ModelSettings> models, Problems problems) {
        var ids = new HashSet<String>();
        for (int i = 0; i < models.size(); i++) {
            var m = models.get(i);
            String at = "models[" + i + "]";
            if (!isModelRef(m.id())) {
                problems.add(at + ".id", notModelRef(m.id()));
            } else if (!ids.add(m.id())) {
                problems.add(at + ".id", quote(m.id()) + " is listed twice");
            }
            if (m.tier() != null) {
                oneOf(at + ".tier", m.tier(), TIERS, problems);
            }
            for (int c = 0; c < m.capabilities().size(); c++) {
                oneOf(at + ".capabilities[" + c + "]", m.capabilities().get(c), CAPABILITIES, problems);
            }
            notNegative(at + ".input_usd_per_mtok", m.inputUsdPerMtok(), problems);
            notNegative(at + ".output_usd_per_mtok", m.outputUsdPerMtok(), problems);
            notNegative(at + ".cached_input_usd_per_mtok", m.cachedInputUsdPerMtok(), problems);
            notNegative(at + ".cache_write_usd_per_mtok", m.cacheWriteUsdPerMtok(), problems);
            notNegative(at + ".cache_write_1h_usd_per_mtok", m.cacheWrite1hUsdPerMtok(), problems);
            positive(at + ".context_window", m.contextWindow(), problems);
            positive(at + ".max_output_tokens", m.maxOutputTokens(), problems);
        }
    }

    private static void routes(List<RouteSettings> routes, Set<String> providerIds, Problems problems) {
        var names = new HashSet<String>();
        for (int i = 0; i < routes.size(); i++) {
            var r = routes.get(i);
            String at = "routes[" + i + "]";
            if (r.name() == null || r.name().isBlank()) {
                problems.add(at + ".name", "must not be blank");
            } else if (r.name().contains("/")) {
                problems.add(at + ".name", quote(r.name()) + " must not contain '/' (that is a provider/model name)");
            } else if (providerIds.contains(r.name())) {
                problems.add(at + ".name", quote(r.name()) + " is also a provider id");
            } else if (!names.add(r.name())) {
                problems.add(at + ".name", quote(r.name()) + " is used by another route");
            }
            oneOf(at + ".strategy", r.strategy(), STRATEGIES, problems);
            if (r.candidates().isEmpty()) {
                problems.add(at + ".candidates", "must list at least one provider/model");
            }
            configuredModels(at + ".candidates", r.candidates(), providerIds, problems);
            configuredModels(at + ".fallback", r.fallback(), providerIds, problems);
            if ("weighted".equals(r.strategy())) {
                weights(at + ".weights", r, problems);
            }
            tiers(at + ".tiers", r.tiers(), problems);
        }
    }

    /**
     * Each alias is a name a caller could send that is no route's and no provider's, and names a
     * route or a configured provider's model directly: an alias of an alias would make a name's
     * meaning depend on the order they are read.
     */
    private static void aliases(Map<String, String> aliases, List<RouteSettings> routes, Set<String> providerIds,
                                Problems problems) {
        Set<String> routeNames = new HashSet<>();
        routes.forEach(r -> routeNames.add(r.name()));
        aliases.forEach((name, target) -> {
            String at = "aliases." + name;
            if (!ALIAS_NAME.matcher(name).matches()) {
                problems.add("aliases", "a name is not a model name (at most 256 of A-Z a-z 0-9 . _ : @ + -, no '/')");
                return;
            }
            if (routeNames.contains(name)) {
                problems.add(at, "shadows the route of the same name");
            } else if (providerIds.contains(name)) {
                problems.add(at, "is also a provider id");
            }
            if (target == null || target.isBlank()) {
                problems.add(at, "must name a route or provider/model");
            } else if (aliases.containsKey(target)) {
                problems.add(at, quote(target) + " is another alias; name its route or provider/model instead");
            } else if (!routeNames.contains(target)
                    && !(isModelRef(target) && providerIds.contains(providerOf(target)))) {
                problems.add(at, quote(target) + " is neither a route nor provider/model of a configured provider");
            }
        });
    }

    /** Every rule compiles, and a {@code route:} effect names what a caller could ask for. */
    private static void policies(KeyrouteConfig config, Set<String> providerIds, Problems problems) {
        try {
            PolicyRules.compile(config.policies());
        } catch (InvalidPolicies e) {
            e.problems().forEach(p -> problems.add(p.path(), p.message()));
        }
        Set<String> routeNames = new HashSet<>();
        config.routes().forEach(r -> routeNames.add(r.name()));
        for (int i = 0; i < config.policies().size(); i++) {
            var rule = config.policies().get(i);
            if (rule != null && rule.effect() != null && rule.effect().startsWith(PolicyEffect.ROUTE_PREFIX)) {
                String to = rule.effect().substring(PolicyEffect.ROUTE_PREFIX.length()).strip();
                if (!to.isEmpty() && !routeNames.contains(to) && !config.aliases().containsKey(to)
                        && !(isModelRef(to) && providerIds.contains(providerOf(to)))) {
                    problems.add("policies[" + i + "].effect", quote(to)
                            + " is neither a route, an alias nor provider/model of a configured provider");
                }
            }
        }
    }

    /** Level → tier overrides: known names, and a harder level never on a lower tier. */
    private static void tiers(String at, Map<String, String> tiers, Problems problems) {
        Map<Complexity, Tier> parsed = new EnumMap<>(Complexity.class);
        tiers.forEach((level, tier) -> {
            var c = Complexity.fromConfig(level);
            var t = Tier.fromConfig(tier).filter(Tier::general);
            if (c.isEmpty()) {
                problems.add(at, quote(level) + " is not one of " + String.join(", ", Complexity.configNames()));
            } else if (t.isEmpty()) {
                problems.add(at + "." + level, quote(tier) + " is not one of " + String.join(", ", Tier.generalConfigNames()));
            } else {
                parsed.put(c.get(), t.get());
            }
        });
        if (!TierMap.DEFAULT.with(parsed).monotonic()) {
            problems.add(at, "a harder level must not map to a lower tier");
        }
    }

    private static void configuredModels(String at, List<String> refs, Set<String> providerIds, Problems problems) {
        for (int i = 0; i < refs.size(); i++) {
            configuredModel(at + "[" + i + "]", refs.get(i), providerIds, problems);
        }
    }

    /** {@code ref} is provider/model of a configured provider. */
    static void configuredModel(String path, String ref, Set<String> providerIds, Problems problems) {
        if (!isModelRef(ref)) {
            problems.add(path, notModelRef(ref));
        } else if (!providerIds.contains(providerOf(ref))) {
            problems.add(path, "provider " + quote(providerOf(ref)) + " is not configured (configured: "
                    + String.join(", ", providerIds) + ")");
        }
    }

    private static void weights(String at, RouteSettings route, Problems problems) {
        Map<String, Integer> weights = route.weights();
        for (String candidate : route.candidates()) {
            if (!weights.containsKey(candidate)) {
                problems.add(at, "no weight for candidate " + quote(candidate));
            }
        }
        weights.forEach((model, weight) -> {
            if (!route.candidates().contains(model)) {
                problems.add(at, quote(model) + " is not a candidate of this route");
            } else if (weight < 0) {
                problems.add(at + "[" + quote(model) + "]", "must be 0 or more");
            }
        });
        if (!weights.isEmpty() && weights.values().stream().allMatch(w -> w <= 0)) {
            problems.add(at, "at least one weight must be greater than 0");
        }
    }

    private static void retry(KeyrouteConfig.RetrySettings retry, Problems problems) {
        if (retry.maxAttempts() < 1) {
            problems.add("retry.max_attempts", "must be 1 or more");
        }
        notNegative("retry.backoff_ms", retry.backoffMs(), problems);
        positive("retry.max_total_attempts", retry.maxTotalAttempts(), problems);
        positive("retry.max_total_ms", retry.maxTotalMs(), problems);
        if (retry.maxBackoffMs() < retry.backoffMs()) {
            problems.add("retry.max_backoff_ms", "must be at least backoff_ms (" + retry.backoffMs() + ")");
        }
    }

    private static void plans(Map<String, PlanSettings> plans, Problems problems) {
        plans.forEach((name, plan) -> {
            String at = "plans." + name;
            for (int i = 0; i < plan.models().size(); i++) {
                String model = plan.models().get(i);
                if (!"*".equals(model) && !isModelRef(model)) {
                    problems.add(at + ".models[" + i + "]", "must be \"*\" or provider/model, not " + quote(model));
                }
            }
            notNegative(at + ".monthly_budget_usd", plan.monthlyBudgetUsd(), problems);
        });
    }

    static void oneOf(String path, String value, List<String> allowed, Problems problems) {
        if (value == null || value.isBlank()) {
            problems.add(path, "is required, one of " + String.join(", ", allowed));
        } else if (!allowed.contains(value)) {
            problems.add(path, quote(value) + " is not one of " + String.join(", ", allowed));
        }
    }

    static void positive(String path, Number value, Problems problems) {
        if (value != null && value.doubleValue() <= 0) {
            problems.add(path, "must be greater than 0");
        }
    }

    private static void notNegative(String path, Number value, Problems problems) {
        if (value != null && value.doubleValue() < 0) {
            problems.add(path, "must be 0 or more");
        }
    }

    /** {@code provider/model}, both parts non-blank; the model part may itself contain '/'. */
    private static boolean isModelRef(String ref) {
        if (ref == null) {
            return false;
        }
        int slash = ref.indexOf('/');
        return slash > 0 && !ref.substring(0, slash).isBlank() && !ref.substring(slash + 1).isBlank();
    }

    private static String notModelRef(String ref) {
        return ref == null || ref.isBlank() ? "must not be blank; write provider/model"
                : quote(ref) + " is not provider/model";
    }

    private static String providerOf(String ref) {
        return ref.substring(0, ref.indexOf('/'));
    }

    static boolean isHttpUrl(String url) {
        try {
            var uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }

    /** Collects {@code FILE: path: message} lines. */
    record Problems(String source, List<String> list) {
        Problems(String source) {
            this(source, new ArrayList<>());
        }

        void add(String path, String message) {
            list.add(source + ": " + path + ": " + message);
        }
    }
}
