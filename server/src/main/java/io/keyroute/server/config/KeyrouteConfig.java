package io.keyroute.server.config;

import io.keyroute.routing.health.BreakerSettings;
import io.keyroute.server.policy.PolicySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration, as read from YAML (snake_case keys) after {@code ${VAR}} substitution
 * and environment overrides. Absent sections take their defaults; {@link ConfigValidator} checks
 * the result before anything uses it. {@code aliases} maps names clients may send (Claude Code's
 * {@code claude-sonnet-4-5}) to a route name or a {@code provider/model}; {@code policies} are the
 * rules every routed request passes ({@link PolicySettings}).
 */
public record KeyrouteConfig(
        ServerSettings server,
        DatabaseSettings database,
        RedisSettings redis,
        List<ProviderSettings> providers,
        List<ModelSettings> models,
        List<RouteSettings> routes,
        RetrySettings retry,
        Map<String, PlanSettings> plans,
        SecuritySettings security,
        MetricsSettings metrics,
        CircuitBreakerSettings circuitBreaker,
        ResponsesSettings responses,
        Map<String, String> aliases,
        AlertsSettings alerts,
        List<PolicySettings> policies,
        TelemetrySettings telemetry,
        List<GuardrailSettings> guardrails,
        CacheSettings cache,
        List<ExperimentSettings> experiments,
        McpSettings mcp,
        A2aSettings a2a,
        UsageSettings usage) {

    public KeyrouteConfig {
        server = server == null ? ServerSettings.DEFAULT : server;
        database = database == null ? DatabaseSettings.DEFAULT : database;
        redis = redis == null || redis.url() == null || redis.url().isBlank() ? null : redis;
        providers = providers == null ? List.of() : List.copyOf(providers);
        models = models == null ? List.of() : List.copyOf(models);
        routes = routes == null ? List.of() : List.copyOf(routes);
        retry = retry == null ? RetrySettings.DEFAULT : retry;
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        security = security == null ? SecuritySettings.DEFAULT : security;
        metrics = metrics == null ? MetricsSettings.DEFAULT : metrics;
        circuitBreaker = circuitBreaker == null ? CircuitBreakerSettings.DEFAULT : circuitBreaker;
        responses = responses == null ? ResponsesSettings.DEFAULT : responses;
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        alerts = alerts == null ? AlertsSettings.DEFAULT : alerts;
        policies = policies == null ? List.of() : List.copyOf(policies);
        telemetry = telemetry == null ? TelemetrySettings.DEFAULT : telemetry;
        guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
        cache = cache == null ? CacheSettings.DEFAULT : cache;
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
        mcp = mcp == null ? McpSettings.DEFAULT : mcp;
        a2a = a2a == null ? A2aSettings.DEFAULT : a2a;
        usage = usage == null ? UsageSettings.DEFAULT : usage;
    }

    /** Without a usage section: raw ledger rows are kept for ever. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses,
                          Map<String, String> aliases, AlertsSettings alerts, List<PolicySettings> policies,
                          TelemetrySettings telemetry, List<GuardrailSettings> guardrails, CacheSettings cache,
                          List<ExperimentSettings> experiments, McpSettings mcp, A2aSettings a2a) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, mcp, a2a, null);
    }

    /** Without the cache, experiments, MCP servers or A2A agents. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses,
                          Map<String, String> aliases, AlertsSettings alerts, List<PolicySettings> policies,
                          TelemetrySettings telemetry, List<GuardrailSettings> guardrails) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, aliases, alerts, policies, telemetry, guardrails, null, null, null, null);
    }

    /** Without guardrails: no request or answer is checked. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses,
                          Map<String, String> aliases, AlertsSettings alerts, List<PolicySettings> policies,
                          TelemetrySettings telemetry) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, aliases, alerts, policies, telemetry, null);
    }

    /** Without a telemetry section: no prompt or answer in a span. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses,
                          Map<String, String> aliases, AlertsSettings alerts, List<PolicySettings> policies) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, aliases, alerts, policies, null);
    }

    /** Without policies: every request goes as routed. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses,
                          Map<String, String> aliases, AlertsSettings alerts) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, aliases, alerts, null);
    }

    /** Without an alerts section: thresholds at their defaults, no webhook. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses,
                          Map<String, String> aliases) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, aliases, null);
    }

    /** Without aliases: every model is named by its route, provider/model or catalog name. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker, ResponsesSettings responses) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker,
                responses, null, null);
    }

    /** Without a responses section: the default retention. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security,
                          MetricsSettings metrics, CircuitBreakerSettings circuitBreaker) {
        this(server, database, redis, providers, models, routes, retry, plans, security, metrics, circuitBreaker, null);
    }

    /** Without a metrics section: {@code /metrics} open, as before the section existed. */
    public KeyrouteConfig(ServerSettings server, DatabaseSettings database, RedisSettings redis,
                          List<ProviderSettings> providers, List<ModelSettings> models, List<RouteSettings> routes,
                          RetrySettings retry, Map<String, PlanSettings> plans, SecuritySettings security) {
        this(server, database, redis, providers, models, routes, retry, plans, security, null, null, null);
    }

    /** This config listening elsewhere (the bench's private loopback gateway). */
    public KeyrouteConfig withServer(ServerSettings listener) {
        return new KeyrouteConfig(listener, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, mcp,
                a2a, usage);
    }

    /** This config listening, storing and counting elsewhere (environment overrides), every other section kept. */
    public KeyrouteConfig withInfrastructure(ServerSettings listener, DatabaseSettings db, RedisSettings shared) {
        return new KeyrouteConfig(listener, db, shared, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, mcp,
                a2a, usage);
    }

    /** This config with other providers and models (built-in providers added, the demo's), every other section kept. */
    public KeyrouteConfig withProviders(List<ProviderSettings> upstreams, List<ModelSettings> priced) {
        return new KeyrouteConfig(server, database, redis, upstreams, priced, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, mcp,
                a2a, usage);
    }

    public KeyrouteConfig withCache(CacheSettings answers) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, answers, experiments, mcp,
                a2a, usage);
    }

    public KeyrouteConfig withExperiments(List<ExperimentSettings> splits) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, splits, mcp, a2a, usage);
    }

    public KeyrouteConfig withPolicies(List<PolicySettings> rules) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, rules, telemetry, guardrails, cache, experiments, mcp, a2a, usage);
    }

    public KeyrouteConfig withMcp(McpSettings tools) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, tools,
                a2a, usage);
    }

    public KeyrouteConfig withA2a(A2aSettings agents) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, mcp,
                agents, usage);
    }

    /** This config with {@code steps} as its guardrails (the bench's guarded gateway). */
    public KeyrouteConfig withUsage(UsageSettings ledger) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, guardrails, cache, experiments, mcp,
                a2a, ledger);
    }

    public KeyrouteConfig withGuardrails(List<GuardrailSettings> steps) {
        return new KeyrouteConfig(server, database, redis, providers, models, routes, retry, plans, security, metrics,
                circuitBreaker, responses, aliases, alerts, policies, telemetry, steps, cache, experiments, mcp, a2a, usage);
    }

    /**
     * @param host              interface to listen on
     * @param port              TCP port
     * @param maxRequestBytes   larger request bodies are refused with 413 before any upstream call
     * @param sseHeartbeatMs    while an upstream stream is silent this long, a comment is sent so a
     *                          vanished client is noticed and its upstream call cancelled
     * @param upstreamConnections connection cache size of the upstream client: every open stream
     *                          holds one connection, so this bounds concurrent streams per host
     * @param maxInFlight       inference requests served at once; more are refused with 429
     *                          {@code too_many_requests}
     * @param maxInFlightPerKey inference requests one Keyroute key may have in flight at once
     * @param maxBufferedBodyBytes request body bytes held in memory at once by requests in flight
     *                          (bodies over 64 KiB count; smaller ones are bounded by {@code maxInFlight});
     *                          a body that does not fit is refused with 429 {@code too_many_requests}. Parsed,
     *                          a body takes about five times its size: twenty 32 MiB bodies at once ran a
     *                          2 GB heap out; with 128 MiB, 4 of them are served and the rest refused (heap ~1.3 GB)
     * @param drainMs           on SIGTERM, how long requests in flight may take to finish
     * @param requestHeadTimeoutMs a connection that has not sent a whole request head this long is closed
     * @param writeTimeoutMs    a caller that takes no bytes of an answer for this long is cut off
     * @param streamMaxMs       the longest a streamed answer may last (the upstream's idle bound
     *                          between events is its provider's {@code timeout_ms})
     * @param managementRpm     {@code /api/v1} calls a minute per Keyroute key and for the admin token
     *                          (management, pricing, route explain), each process on its own; a 1 MiB
     *                          estimate costs 0.1–0.7 s of CPU to tokenize, so 120 bounds one key to
     *                          about a core at worst
     * @param affinitySessions  conversations whose target and credential are remembered (session affinity),
     *                          least recently used forgotten first; 0 turns session headers' affinity off. An
     *                          entry with a 256-character session id takes under 1 KB
     * @param affinityIdleMs    a conversation not continued this long is forgotten (a provider's prompt cache
     *                          lasts minutes to an hour)
     */
    public record ServerSettings(String host, Integer port, Long maxRequestBytes, Long sseHeartbeatMs,
                                 Integer upstreamConnections, Integer maxInFlight, Integer maxInFlightPerKey,
                                 Long maxBufferedBodyBytes, Long drainMs, Long requestHeadTimeoutMs,
                                 Long writeTimeoutMs, Long streamMaxMs, Integer managementRpm,
                                 Integer affinitySessions, Long affinityIdleMs) {
        public static final ServerSettings DEFAULT = new ServerSettings(null, null, null, null, null);

        public ServerSettings {
            host = host == null ? "127.0.0.1" : host;
            port = port == null ? 8080 : port;
            maxRequestBytes = maxRequestBytes == null ? 32L * 1024 * 1024 : maxRequestBytes;
            sseHeartbeatMs = sseHeartbeatMs == null ? 2000L : sseHeartbeatMs;
            upstreamConnections = upstreamConnections == null ? 4096 : upstreamConnections;
            maxInFlight = maxInFlight == null ? 2048 : maxInFlight;
            maxInFlightPerKey = maxInFlightPerKey == null ? 256 : maxInFlightPerKey;
            maxBufferedBodyBytes = maxBufferedBodyBytes == null ? 128L * 1024 * 1024 : maxBufferedBodyBytes;
            drainMs = drainMs == null ? 30_000L : drainMs;
            requestHeadTimeoutMs = requestHeadTimeoutMs == null ? 20_000L : requestHeadTimeoutMs;
            writeTimeoutMs = writeTimeoutMs == null ? 30_000L : writeTimeoutMs;
            streamMaxMs = streamMaxMs == null ? 30L * 60 * 1000 : streamMaxMs;
            managementRpm = managementRpm == null ? 120 : managementRpm;
            affinitySessions = affinitySessions == null ? 50_000 : affinitySessions;
            affinityIdleMs = affinityIdleMs == null ? 60L * 60 * 1000 : affinityIdleMs;
        }

        /** Session affinity at its defaults. */
        public ServerSettings(String host, Integer port, Long maxRequestBytes, Long sseHeartbeatMs,
                              Integer upstreamConnections, Integer maxInFlight, Integer maxInFlightPerKey,
                              Long maxBufferedBodyBytes, Long drainMs, Long requestHeadTimeoutMs,
                              Long writeTimeoutMs, Long streamMaxMs, Integer managementRpm) {
            this(host, port, maxRequestBytes, sseHeartbeatMs, upstreamConnections, maxInFlight, maxInFlightPerKey,
                    maxBufferedBodyBytes, drainMs, requestHeadTimeoutMs, writeTimeoutMs, streamMaxMs, managementRpm,
                    null, null);
        }

        /** The listener and body settings; the limits and timeouts take their defaults. */
        public ServerSettings(String host, Integer port, Long maxRequestBytes, Long sseHeartbeatMs,
                              Integer upstreamConnections) {
            this(host, port, maxRequestBytes, sseHeartbeatMs, upstreamConnections, null, null, null, null, null, null,
                    null, null);
        }

        /** These settings listening elsewhere. */
        public ServerSettings withListener(String listenHost, int listenPort) {
            return new ServerSettings(listenHost, listenPort, maxRequestBytes, sseHeartbeatMs, upstreamConnections,
                    maxInFlight, maxInFlightPerKey, maxBufferedBodyBytes, drainMs, requestHeadTimeoutMs, writeTimeoutMs,
                    streamMaxMs, managementRpm, affinitySessions, affinityIdleMs);
        }
    }

    public record DatabaseSettings(String url) {
        public static final DatabaseSettings DEFAULT = new DatabaseSettings(null);

        public DatabaseSettings {
            url = url == null || url.isBlank() ? "jdbc:sqlite:data/keyroute.db" : url;
        }

        /** The URL may carry a password. */
        @Override
        public String toString() {
            return "DatabaseSettings[url=" + Redaction.url(url) + "]";
        }
    }

    /**
     * Optional: shared limits, budgets and notifications across replicas. A blank URL (as from
     * {@code url: ${REDIS_URL:-}}) means no Redis: {@link KeyrouteConfig#redis()} is then null.
     */
    public record RedisSettings(String url) {
        /** The URL may carry a password. */
        @Override
        public String toString() {
            return "RedisSettings[url=" + Redaction.url(url) + "]";
        }
    }

    /**
     * One upstream. {@code options} holds type-specific settings (the mock's latency and failures).
     */
    public record ProviderSettings(String id, String type, String baseUrl, String apiKey, Long timeoutMs,
                                   Long connectTimeoutMs, Map<String, Object> options) {
        public ProviderSettings {
            timeoutMs = timeoutMs == null ? 60_000L : timeoutMs;
            connectTimeoutMs = connectTimeoutMs == null ? 10_000L : connectTimeoutMs;
            options = options == null ? Map.of() : Map.copyOf(options);
            apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
            baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl;
        }

        /** The key is masked, so a logged config never shows it. */
        @Override
        public String toString() {
            return "ProviderSettings[id=" + id + ", type=" + type + ", baseUrl=" + Redaction.url(baseUrl)
                    + ", apiKey=" + Redaction.key(apiKey) + ", timeoutMs=" + timeoutMs
                    + ", connectTimeoutMs=" + connectTimeoutMs + ", options=" + options.keySet() + "]";
        }
    }

    /** An addition to, or override of, the built-in model catalog. */
    public record ModelSettings(String id, Double inputUsdPerMtok, Double outputUsdPerMtok,
                                Double cachedInputUsdPerMtok, Double cacheWriteUsdPerMtok,
                                Double cacheWrite1hUsdPerMtok, Integer contextWindow, Integer maxOutputTokens,
                                String tier, List<String> capabilities) {
        public ModelSettings {
            capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        }
    }

    /**
     * A model name clients may ask for, standing for an ordered set of candidates.
     *
     * @param tiers for {@code complexity}: level ({@code simple}…{@code advanced}) → tier, overriding the default
     */
    public record RouteSettings(String name, String strategy, List<String> candidates, List<String> fallback,
                                Map<String, Integer> weights, Map<String, String> tiers, RouteCacheSettings cache) {
        public RouteSettings {
            cache = cache == null ? RouteCacheSettings.DEFAULT : cache;
            strategy = strategy == null ? "fallback" : strategy;
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
            fallback = fallback == null ? List.of() : List.copyOf(fallback);
            weights = weights == null ? Map.of() : Map.copyOf(weights);
            tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
        }

        public RouteSettings(String name, String strategy, List<String> candidates, List<String> fallback,
                             Map<String, Integer> weights, Map<String, String> tiers) {
            this(name, strategy, candidates, fallback, weights, tiers, null);
        }

        public RouteSettings(String name, String strategy, List<String> candidates, List<String> fallback,
                             Map<String, Integer> weights) {
            this(name, strategy, candidates, fallback, weights, null, null);
        }
    }

    /**
     * Tries per candidate for retryable failures, with exponential backoff from {@code backoffMs};
     * {@code maxTotalAttempts} and {@code maxTotalMs} bound one request across all candidates.
     */
    public record RetrySettings(Integer maxAttempts, Long backoffMs, Long maxBackoffMs, Integer maxTotalAttempts,
                                Long maxTotalMs) {
        public static final RetrySettings DEFAULT = new RetrySettings(null, null, null, null, null);

        public RetrySettings {
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            backoffMs = backoffMs == null ? 200L : backoffMs;
            maxBackoffMs = maxBackoffMs == null ? 10_000L : maxBackoffMs;
            maxTotalAttempts = maxTotalAttempts == null ? 10 : maxTotalAttempts;
            maxTotalMs = maxTotalMs == null ? 120_000L : maxTotalMs;
        }

        public RetrySettings(Integer maxAttempts, Long backoffMs, Long maxBackoffMs) {
            this(maxAttempts, backoffMs, maxBackoffMs, null, null);
        }
    }

    public record PlanSettings(List<String> models, Boolean byok, Double monthlyBudgetUsd) {
        public PlanSettings {
            models = models == null ? List.of("*") : List.copyOf(models);
            byok = byok == null ? Boolean.TRUE : byok;
        }
    }

    public record SecuritySettings(Boolean allowPrivateBaseUrls) {
        public static final SecuritySettings DEFAULT = new SecuritySettings(null);

        public SecuritySettings {
            allowPrivateBaseUrls = allowPrivateBaseUrls != null && allowPrivateBaseUrls;
        }
    }

    /**
     * @param token when set, {@code GET /metrics} requires {@code Authorization: Bearer <token>};
     *              blank (e.g. {@code ${KEYROUTE_METRICS_TOKEN:-}} unset) means no auth
     */
    public record MetricsSettings(String token) {
        public static final MetricsSettings DEFAULT = new MetricsSettings(null);

        public MetricsSettings {
            token = token == null || token.isBlank() ? null : token.trim();
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "MetricsSettings[token=" + (token == null ? "none" : "set") + "]";
        }
    }

    /**
     * When a provider's or credential's circuit opens and how it recovers (read at start).
     *
     * @param consecutiveFailures open after this many failures in a row
     * @param errorRate           or when this share of the last {@code window} outcomes failed,
     * @param minCalls            once at least this many outcomes are in the window
     * @param openMs              how long an open circuit refuses calls before probing
     * @param probes              calls let through at once while half-open
     */
    public record CircuitBreakerSettings(Integer consecutiveFailures, Double errorRate, Integer window,
                                         Integer minCalls, Long openMs, Integer probes) {
        public static final CircuitBreakerSettings DEFAULT = new CircuitBreakerSettings(null, null, null, null, null, null);

        public CircuitBreakerSettings {
            consecutiveFailures = consecutiveFailures == null ? 5 : consecutiveFailures;
            errorRate = errorRate == null ? 0.5 : errorRate;
            window = window == null ? 20 : window;
            minCalls = minCalls == null ? Math.min(10, window) : minCalls;
            openMs = openMs == null ? 30_000L : openMs;
            probes = probes == null ? 1 : probes;
        }

        /** As routing's breakers take them; call on validated settings only. */
        public BreakerSettings breaker() {
            return new BreakerSettings(consecutiveFailures, errorRate, window, minCalls, Duration.ofMillis(openMs), probes);
        }
    }

    /**
     * The Responses API conversations Keyroute keeps for {@code previous_response_id} (read at
     * every save, so a reload applies to responses stored after it).
     *
     * @param retentionDays   how long a stored response is kept; OpenAI keeps its own 30 days
     * @param websocketIdleMs a Responses WebSocket with no response running for this long is closed
     *                        (it holds one of its key's in-flight slots while open)
     * @param websocketMaxMs  the longest a Responses WebSocket stays open, as OpenAI's 60 minutes: the
     *                        caller then opens another (read when a socket opens)
     */
    public record ResponsesSettings(Integer retentionDays, Long websocketIdleMs, Long websocketMaxMs) {
        public static final ResponsesSettings DEFAULT = new ResponsesSettings(null, null, null);
        public static final int MAX_RETENTION_DAYS = 3650;

        public ResponsesSettings {
            retentionDays = retentionDays == null ? 30 : retentionDays;
            websocketIdleMs = websocketIdleMs == null ? 15L * 60 * 1000 : websocketIdleMs;
            websocketMaxMs = websocketMaxMs == null ? 60L * 60 * 1000 : websocketMaxMs;
        }

        /** Call on validated settings only. */
        public Duration retention() {
            return Duration.ofDays(retentionDays);
        }
    }

    /**
     * What traces may carry beyond the request's shape (the exporter itself is set by the standard
     * {@code OTEL_*} variables, not here).
     *
     * @param captureContent prompts and answers as the attempt spans' {@code gen_ai.input.messages}
     *                       and {@code gen_ai.output.messages}, taken after any guardrail's redaction;
     *                       off by default, as they may hold anything a user typed
     */
    public record TelemetrySettings(Boolean captureContent) {
        public static final TelemetrySettings DEFAULT = new TelemetrySettings(false);

        public TelemetrySettings {
            captureContent = captureContent != null && captureContent;
        }
    }

    /**
     * Alerts (read when an alert is raised or sent, so a reload applies to the next one).
     *
     * @param budgetThresholds percents of each budget (workspace, user, key, a plan's trial budget) whose
     *                         crossing raises an alert, once per budget period
     * @param webhooks         where every alert is POSTed, signed
     * @param maxAttempts      tries per delivery: a 5xx answer, a timeout or a refused connection is
     *                         tried again after an exponential backoff with jitter; a 4xx is not
     * @param backoffMs        the first retry's pause (doubled each time, at most a minute, each
     *                         between half and all of it)
     * @param queue            deliveries waiting at most (to every webhook together); past it an alert
     *                         is recorded but not sent, and the audit log says so
     * @param retentionDays    how long a raised alert is kept (deleted hourly after that)
     */
    public record AlertsSettings(List<Integer> budgetThresholds, List<WebhookSettings> webhooks, Integer maxAttempts,
                                 Long backoffMs, Integer queue, Integer retentionDays) {
        public static final AlertsSettings DEFAULT = new AlertsSettings(null, null, null, null, null, null);
        public static final int MAX_RETENTION_DAYS = 3650;
        /** The events an alert may be, as webhooks' {@code events} filters name them. */
        public static final List<String> EVENTS = List.of("budget.threshold", "circuit.opened", "circuit.closed",
                "credential.validation_failed");

        public AlertsSettings {
            budgetThresholds = budgetThresholds == null ? List.of(50, 80, 100)
                    : budgetThresholds.stream().filter(Objects::nonNull).sorted().distinct().toList();
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            backoffMs = backoffMs == null ? 1_000L : backoffMs;
            queue = queue == null ? 1_000 : queue;
            retentionDays = retentionDays == null ? 90 : retentionDays;
        }

        /** Kept 90 days. */
        public AlertsSettings(List<Integer> budgetThresholds, List<WebhookSettings> webhooks, Integer maxAttempts,
                              Long backoffMs, Integer queue) {
            this(budgetThresholds, webhooks, maxAttempts, backoffMs, queue, null);
        }
    }

    /**
     * One alert receiver, an operator's URL: trusted as a provider's {@code base_url} is (no SSRF
     * guard), but http(s) only and without user info.
     *
     * @param name      how the audit log names it (the URL may hold a token, so it is never written)
     * @param events    the events sent to it ({@link AlertsSettings#EVENTS}); empty: all
     * @param secret    the HMAC-SHA256 key of the {@code X-Keyroute-Signature} header
     * @param timeoutMs one attempt's bound, connecting and answering
     */
    public record WebhookSettings(String name, String url, List<String> events, String secret, Long timeoutMs) {
        public WebhookSettings {
            events = events == null ? List.of() : List.copyOf(events);
            timeoutMs = timeoutMs == null ? 5_000L : timeoutMs;
        }

        /** Whether {@code event} is sent to this webhook. */
        public boolean wants(String event) {
            return events.isEmpty() || events.contains(event);
        }

        /** Neither the secret nor a token in the URL. */
        @Override
        public String toString() {
            return "WebhookSettings[name=" + name + ", url=" + Redaction.url(url) + ", events=" + events
                    + ", secret=" + (secret == null ? "none" : "set") + ", timeoutMs=" + timeoutMs + "]";
        }
    }

    /**
     * One guardrail: a named check every request (and answer) in its scope passes, in the order listed.
     *
     * @param name      the rule's name, which a refusal names (never the matched text)
     * @param type      what it checks: {@code pii}, {@code secrets}, {@code prompt_injection}, {@code deny_list}, {@code http},
     *                  {@code presidio}
     * @param on        where: {@code input} (the request, before policies and limits), {@code output} (the answer,
     *                  streams checked as they pass); both by default
     * @param action    {@code redact} (placeholders replace what it finds), {@code block} (400 {@code guardrail_blocked})
     *                  or {@code log} (recorded, passed); {@code block} by default
     * @param entities  the entity types it looks for (its type's names); empty for all of them
     * @param onError   {@code open} (a step that fails or times out passes the request, logged) or {@code closed}
     *                  (it refuses it); {@code closed} by default
     * @param appliesTo which requests it checks; absent for all
     * @param timeoutMs the longest one check may take before it counts as failed
     * @param restore   with {@code redact} on input: the answer gets the caller's values back in place of the
     *                  placeholders (kept in memory for the request only, never stored)
     * @param options   what its type reads besides (a deny list's words, a checker's URL)
     */
    public record GuardrailSettings(String name, String type, List<String> on, String action, List<String> entities,
                                    String onError, AppliesTo appliesTo, Long timeoutMs, Boolean restore,
                                    Map<String, Object> options) {
        public static final List<String> TYPES = List.of("pii", "secrets", "prompt_injection", "deny_list", "http",
                "presidio");
        public static final List<String> PLACES = List.of("input", "output");
        public static final List<String> ACTIONS = List.of("redact", "block", "log");
        public static final List<String> ON_ERROR = List.of("open", "closed");

        public GuardrailSettings {
            on = on == null ? PLACES : List.copyOf(on);
            action = action == null ? "block" : action;
            entities = entities == null ? List.of() : List.copyOf(entities);
            onError = onError == null ? "closed" : onError;
            appliesTo = appliesTo == null ? AppliesTo.ALL : appliesTo;
            timeoutMs = timeoutMs == null ? 1000L : timeoutMs;
            restore = restore != null && restore;
            // YAML's empty value is a null, which Map.copyOf refuses: a type's check reports it by name
            options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        /** Options may carry a checker's token: only their names are printed. */
        @Override
        public String toString() {
            return "GuardrailSettings[name=" + name + ", type=" + type + ", on=" + on + ", action=" + action
                    + ", entities=" + entities + ", onError=" + onError + ", appliesTo=" + appliesTo
                    + ", timeoutMs=" + timeoutMs + ", restore=" + restore + ", options=" + options.keySet() + "]";
        }
    }

    /**
     * Which requests a guardrail checks: each list an allow-list ({@code "*"} for any), absent or empty for any;
     * a request is checked when it matches all three.
     *
     * @param workspaces the caller's workspace ids
     * @param routes     route names as configured under {@code routes:}
     * @param models     {@code provider/model}: the model asked for or any the route may call
     */
    public record AppliesTo(List<String> workspaces, List<String> routes, List<String> models) {
        public static final AppliesTo ALL = new AppliesTo(null, null, null);

        public AppliesTo {
            workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
            routes = routes == null ? List.of() : List.copyOf(routes);
            models = models == null ? List.of() : List.copyOf(models);
        }
    }
}
