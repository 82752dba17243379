package io.keyroute.server.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.keyroute.routing.health.CircuitEvents;
import io.keyroute.routing.health.Health;
import io.keyroute.server.a2a.A2aAudit;
import io.keyroute.server.a2a.A2aService;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.cache.AnswerStore;
import io.keyroute.server.cache.AnswerStores;
import io.keyroute.server.cache.semantic.SemanticCache;
import io.keyroute.server.cache.semantic.VectorIndex;
import io.keyroute.server.cache.semantic.VectorIndexes;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.console.ConsoleAssets;
import io.keyroute.server.console.ConsoleRoutes;
import io.keyroute.server.ops.GatewayMetrics;
import io.keyroute.server.inference.attempts.AttemptRunner;
import io.keyroute.server.telemetry.GenAiMetrics;
import io.keyroute.server.telemetry.ManagementSpans;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.server.inference.attempts.CredentialResolver;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.inference.attempts.PolicyCheck;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.inference.attempts.SessionTable;
import io.keyroute.server.inference.attempts.Watchdog;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.Reachable;
import io.keyroute.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.UnexpectedErrors;
import io.keyroute.server.inference.Conversations;
import io.keyroute.server.inference.Heartbeats;
import io.keyroute.server.inference.InferenceFlow;
import io.keyroute.server.inference.InferenceService;
import io.keyroute.server.inference.InternalEmbeddings;
import io.keyroute.server.inference.PromptCounter;
import io.keyroute.server.inference.ServeFromCache;
import io.keyroute.server.inference.TokenCountFlow;
import io.keyroute.server.inference.ResponseKeeper;
import io.keyroute.server.inference.ResponseOrigins;
import io.keyroute.server.inference.ResponsesSockets;
import io.keyroute.server.inference.StoredResponsesHandler;
import io.keyroute.server.inference.KeptResponseProxy;
import io.keyroute.server.inference.UpstreamKeptResponses;
import io.keyroute.vault.responses.StoredResponses;
import io.keyroute.server.inference.JsonDelivery;
import io.keyroute.server.inference.ModelsHandler;
import io.keyroute.server.inference.StreamRelay;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.limits.MemoryPressure;
import io.keyroute.server.management.ConfigEditing;
import io.keyroute.server.management.ManagementApi;
import io.keyroute.server.mcp.oauth.ConfiguredMcpServers;
import io.keyroute.server.mcp.oauth.McpOAuth;
import io.keyroute.server.mcp.oauth.VaultUpstreamAuthorization;
import io.keyroute.vault.net.BaseUrlGuard;
import io.keyroute.server.mcp.McpCallLedger;
import io.keyroute.server.mcp.McpGateway;
import io.keyroute.server.mcp.ToolCallLimits;
import io.keyroute.server.mcp.ToolCallPolicies;
import io.keyroute.server.mcp.UpstreamAuthorization;
import io.keyroute.server.management.ManagementCallers;
import io.keyroute.server.management.PricingService;
import io.keyroute.server.management.ProvidersService;
import io.keyroute.server.management.RouteExplainService;
import io.keyroute.server.policy.PolicyAudit;
import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.server.ops.MetricsService;
import io.keyroute.server.ops.OpsService;

/**
 * The Helidon web server with Keyroute's services. TCP_NODELAY is on: Helidon's default (off)
 * held small SSE writes back by ~40 ms each.
 */
public final class HttpServer implements AutoCloseable {
    private final WebServer server;
    private final Heartbeats heartbeats;
    private final Watchdog watchdog;
    private final InFlightLimits limits;
    private final ResponsesSockets sockets;
    private final AnswerStore answers;
    private final VectorIndex vectors;
    private final McpGateway mcp;

    private HttpServer(WebServer server, Heartbeats heartbeats, Watchdog watchdog, InFlightLimits limits,
                       ResponsesSockets sockets, AnswerStore answers, VectorIndex vectors, McpGateway mcp) {
        this.answers = answers;
        this.vectors = vectors;
        this.mcp = mcp;
        this.server = server;
        this.heartbeats = heartbeats;
        this.watchdog = watchdog;
        this.limits = limits;
        this.sockets = sockets;
    }

    /**
     * What the server serves with.
     *
     * @param runtimes the current runtime; read once per request, so a reload never splits one. The
     *                 listener's settings are the first runtime's
     * @param vault    the management API's store, or null for none (inference only)
     * @param gate     rate limits and budgets, between routing and the attempts
     * @param countGate the limit on token counts, which spend nothing: the key's requests per minute
     * @param budgets  the budget endpoints' store (the same the gate's budgets use), or null for none
     * @param alerts   told of circuits opening and closing and of credentials failing validation, and
     *                 read by the alerts endpoint; or null for none
     * @param metrics  served at {@code /metrics}, fed by the attempt runner and the circuits here
     * @param telemetry traces of the requests, when an OTLP endpoint is configured
     * @param mcpAuthorization what {@code /mcp} sends each upstream MCP server for a caller; null for the vault's
     *                         credentials (none without a vault)
     * @param config   the run-time config kept in the database, served at {@code /api/v1/config} (with a vault); or null
     */
    public record Parts(Supplier<GatewayRuntime> runtimes, Authenticator authenticator, CredentialResolver credentials,
                        Vault vault, RequestGate gate, RequestGate countGate, Budgets budgets, Alerts alerts, UsageSink usage,
                        GatewayMetrics metrics, AttemptRunner.Sleeper sleeper, Clock clock, Telemetry telemetry,
                        UpstreamAuthorization mcpAuthorization, ConfigEditing config) {
    }

    /** Listens on the first runtime's {@code server.host}/{@code server.port}. */
    public static HttpServer start(Parts parts) {
        Supplier<GatewayRuntime> runtimes = parts.runtimes();
        Vault vault = parts.vault();
        RequestGate gate = parts.gate();
        Budgets budgets = parts.budgets();
        UsageSink usage = parts.usage();
        GatewayMetrics metrics = parts.metrics();
        CredentialResolver credentials = parts.credentials();
        Clock clock = parts.clock();
        var settings = runtimes.get().config().server();
        String host = settings.host();
        var heartbeats = new Heartbeats(Duration.ofMillis(settings.sseHeartbeatMs()));
        Duration writeTimeout = Duration.ofMillis(settings.writeTimeoutMs());
        Duration streamMax = Duration.ofMillis(settings.streamMaxMs());
        // The request line within half the head's bound (Helidon's idle timeout), the headers within the other half.
        Duration headHalf = Duration.ofMillis(settings.requestHeadTimeoutMs()).dividedBy(2);
        var watchdog = new Watchdog(Watchdog.tickFor(writeTimeout, streamMax, headHalf,
                shortestProviderTimeout(runtimes.get())));
        var limits = new InFlightLimits(settings.maxInFlight(), settings.maxInFlightPerKey(), settings.maxBufferedBodyBytes(),
                MemoryPressure.ofThisJvm());
        var auth = new CallerAuth(parts.authenticator());
        Alerts alerts = parts.alerts();
        var health = new Health(runtimes.get().config().circuitBreaker().breaker(), clock,
                alerts == null ? CircuitEvents.NONE : alerts.circuits());
        metrics.watchCircuits(health, () -> runtimes.get().providers().keySet());
        metrics.labelModelsBy(() -> runtimes.get().routing().catalog());
        if (parts.telemetry().enabled()) { // off: no sink at all, the Prometheus metrics alone
            metrics.exportTo(new GenAiMetrics(parts.telemetry().openTelemetry().getMeter(Telemetry.SCOPE),
                    metrics.models()::of, runtimes)::record);
        }
        var router = new RequestRouter(credentials, health, clock);
        var runner = new AttemptRunner(credentials, parts.sleeper(), health, clock, metrics.attempts(), watchdog);
        var json = new JsonDelivery(watchdog, writeTimeout);
        var relay = new StreamRelay(heartbeats, health, watchdog, writeTimeout, streamMax);
        StoredResponses stored = vault == null ? null : vault.responses();
        Supplier<Duration> retention = () -> runtimes.get().config().responses().retention();
        var keeper = new ResponseKeeper(stored, retention, () -> runtimes.get().config().server().maxRequestBytes());
        var upstreamKept = new UpstreamKeptResponses(vault == null ? null : vault.passedThroughResponses(), credentials,
                retention);
        ResponseOrigins origins = (id, caller) -> keeper.servedBy(id, caller).or(() -> upstreamKept.servedBy(id, caller));
        var conversations = new Conversations(new SessionTable(settings.affinitySessions(),
                Duration.ofMillis(settings.affinityIdleMs())), origins);
        var policies = new PolicyCheck(router, clock);
        PolicyEvents policyEvents = vault == null ? metrics.policies()
                : metrics.policies().andThen(new PolicyAudit(vault.audit()));
        KeyrouteConfig first = runtimes.get().config();
        AnswerStore answers = AnswerStores.open(first.cache().exact(), first.redis() == null ? null : first.redis().url());
        VectorIndex vectors = VectorIndexes.open(first.cache().semantic(), first.redis() == null ? null
                : first.redis().url(), vault == null ? null : vault.database(), clock);
        var embeddings = new InternalEmbeddings(json);
        var flow = InferenceFlow.standard(limits, runtimes, usage, auth, router, conversations, policies, policyEvents,
                gate, runner, parts.telemetry(), metrics.guardrails(),
                new ServeFromCache(answers, new SemanticCache(() -> runtimes.get().config(), vectors, embeddings), json,
                        relay));
        embeddings.runOn(flow); // the flow's cache step embeds through the flow itself
        var counting = new TokenCountFlow(limits, runtimes, auth, router, parts.countGate(),
                new PromptCounter(credentials, clock, watchdog), metrics.guardrails());
        var models = new ModelsHandler(runtimes, auth, clock.instant().getEpochSecond());
        var managers = new ManagementCallers(auth, runtimes, clock);
        McpOAuth mcpOAuth = vault == null ? null : new McpOAuth(vault.mcpCredentials(),
                new ConfiguredMcpServers(() -> runtimes.get().config().mcp()),
                new BaseUrlGuard(() -> runtimes.get().config().security().allowPrivateBaseUrls()), clock);
        // Pinged within Helidon's idle-connection timeout, which only the caller's pong resets.
        var sockets = new ResponsesSockets(flow, json, relay, keeper, upstreamKept, limits, auth, runtimes,
                headHalf.dividedBy(2));
        // The upstream MCP servers' credentials: the vault's (stored or OAuth) unless the builder gave others.
        UpstreamAuthorization upstreamAuthorization = parts.mcpAuthorization() != null ? parts.mcpAuthorization()
                : mcpOAuth == null ? UpstreamAuthorization.NONE : new VaultUpstreamAuthorization(vault.mcpCredentials(), mcpOAuth,
                        vault.database().cacheFreshness());
        var mcp = McpGateway.create(() -> runtimes.get().config().mcp(), auth, upstreamAuthorization,
                runtimes.get().config().circuitBreaker().breaker(),
                ToolCallPolicies.of(runtimes, policyEvents, clock).then(ToolCallLimits.of(parts.countGate(), runtimes)),
                vault == null ? metrics.mcp() : metrics.mcp().andThen(new McpCallLedger(vault.database().jdbc(), vault.audit())),
                clock);
        WebServer server = WebServer.builder()
                .host(host)
                .port(settings.port())
                .shutdownHook(false) // Helidon's own would stop the listener under requests still draining
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .idleConnectionTimeout(headHalf)
                .idleConnectionPeriod(Watchdog.tickFor(headHalf))
                .protocolsDiscoverServices(false) // else Helidon's default HTTP/1.1 config is a second one, and a
                // connection that sends nothing is never handed to either (nor to the idle timeout)
                .addProtocol(Http1Config.builder().addReceiveListener(new RequestHeadDeadline(watchdog, headHalf)).build())
                // a frame up to the request limit; a message of several is bounded by the socket itself
                .addProtocol(WsConfig.builder()
                        .maxFrameLength((int) Math.min(Integer.MAX_VALUE - 8, settings.maxRequestBytes())).build())
                .addRouting(WsRouting.builder().endpoint(ResponsesSockets.PATH, sockets::connection))
                .routing(routing -> {
                    routing.error(RuntimeException.class, new UnexpectedErrors());
                    routing.addFilter(sockets.handshake());
                    if (parts.telemetry().enabled()) {
                        routing.addFilter(new ManagementSpans(parts.telemetry()));
                    }
                    routing.register(new OpsService(() -> runtimes.get() != null,
                                    () -> vault == null || vault.database().ready(),
                                    budgets != null && budgets.store() instanceof Reachable redis ? redis::reachable : null,
                                    limits::draining),
                                    new MetricsService(metrics, runtimes, host),
                                    new ConsoleRoutes(ConsoleAssets.bundled()))
                            .register("/v1", new InferenceService(flow, counting, json, relay, models, keeper, upstreamKept,
                                    new StoredResponsesHandler(auth, stored, upstreamKept,
                                            new KeptResponseProxy(runtimes, credentials), limits, parts.countGate()), sockets))
                            .register("/api/v1", new ProvidersService(runtimes, managers, health),
                                    new RouteExplainService(runtimes, managers, router, policies), new PricingService(runtimes, managers));
                    routing.register(McpGateway.PATH, mcp);
                    routing.register("/a2a", new A2aService(runtimes, auth, limits, parts.countGate(),
                            vault == null ? metrics.a2a() : metrics.a2a().andThen(new A2aAudit(vault.audit())), watchdog));
                    if (vault != null) {
                        ManagementApi.register(routing, managers, vault, runtimes, budgets, alerts, answers, clock, mcpOAuth,
                                parts.config());
                    }
                })
                .build()
                .start();
        return new HttpServer(server, heartbeats, watchdog, limits, sockets, answers, vectors, mcp);
    }

    /** Fine enough a tick for the providers configured at start (a reload may add shorter ones: then as fine as the rest). */
    private static Duration shortestProviderTimeout(GatewayRuntime runtime) {
        return Duration.ofMillis(runtime.config().providers().stream()
                .mapToLong(p -> p.timeoutMs()).min().orElse(Long.MAX_VALUE / 1_000_000));
    }

    /**
     * Starts a graceful stop: {@code /ready} answers 503 and new inference requests are refused
     * with 503 at once, and Responses WebSockets are closed, each once its running response ends; then
     * waits up to {@code timeout} for those in flight (streams included) to finish, their records made
     * and their limits settled. True if none was left.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        limits.drain();
        sockets.drain();
        return limits.awaitIdle(timeout);
    }

    /** Inference requests in flight now. */
    public int inFlight() {
        return limits.inFlight();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        sockets.close();
        answers.close();
        vectors.close();
        mcp.close();
        heartbeats.close();
        watchdog.close();
    }
}
