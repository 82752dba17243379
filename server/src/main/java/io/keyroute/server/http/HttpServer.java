package io.keyroute.server.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.keyroute.api.WireFormat;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.routing.health.Health;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.metrics.GatewayMetrics;
import io.keyroute.server.pipeline.AttemptRunner;
import io.keyroute.server.pipeline.CredentialResolver;
import io.keyroute.server.pipeline.RequestGate;
import io.keyroute.server.pipeline.RequestRouter;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.usage.UsageSink;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Helidon web server with Keyroute's services. TCP_NODELAY is on: Helidon's default (off)
 * held small SSE writes back by ~40 ms each.
 */
public final class HttpServer implements AutoCloseable {
    private final WebServer server;
    private final Heartbeats heartbeats;
    private final InFlightLimits limits;

    private HttpServer(WebServer server, Heartbeats heartbeats, InFlightLimits limits) {
        this.server = server;
        this.heartbeats = heartbeats;
        this.limits = limits;
    }

    /**
     * @param runtimes the current runtime; read once per request, so a reload never splits one
     * @param vault    the management API's store, or null for none (inference only)
     * @param gate     rate limits and budgets, between routing and the attempts
     * @param budgets  the budget endpoints' store (the same the gate's budgets use), or null for none
     * @param metrics  served at {@code /metrics}, fed by the attempt runner and the circuits here
     */
    public static HttpServer start(String host, int port, Duration heartbeatInterval, Supplier<GatewayRuntime> runtimes,
                                   Authenticator authenticator, CredentialResolver credentials, Vault vault,
                                   RequestGate gate, Budgets budgets, UsageSink usage, GatewayMetrics metrics, AttemptRunner.Sleeper sleeper, Clock clock) {
        var heartbeats = new Heartbeats(heartbeatInterval);
        var settings = runtimes.get().config().server();
        var limits = new InFlightLimits(settings.maxInFlight(), settings.maxInFlightPerKey(), settings.maxBufferedBodyBytes());
        var auth = new CallerAuth(authenticator);
        var health = new Health(runtimes.get().config().circuitBreaker().breaker(), clock);
        metrics.watchCircuits(health, () -> runtimes.get().providers().keySet());
        var router = new RequestRouter(credentials, health, clock);
        var runner = new AttemptRunner(credentials, sleeper, health, clock, metrics.attempts());
        var json = new JsonDelivery();
        var relay = new StreamRelay(heartbeats, health);
        var chat = new ChatCompletionsHandler(WireFormat.OPENAI_CHAT, OpenAiChatRequestReader::read, List.of(),
                runtimes, auth, router, gate, runner, json, relay, usage, limits);
        var messages = new ChatCompletionsHandler(WireFormat.ANTHROPIC_MESSAGES, AnthropicMessagesRequestReader::read,
                List.of("anthropic-beta"), runtimes, auth, router, gate, runner, json, relay, usage, limits);
        var embeddings = new EmbeddingsHandler(runtimes, auth, router, gate, runner, json, usage, limits);
        var models = new ModelsHandler(runtimes, auth, clock.instant().getEpochSecond());
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false) // Helidon's own would stop the listener under requests still draining
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing -> {
                    routing.register(new OpsService(() -> runtimes.get() != null,
                                    () -> vault == null || vault.database().ready(), limits::draining),
                                    new MetricsService(metrics, runtimes))
                            .register("/v1", new InferenceService(chat, messages, embeddings, models))
                            .register("/api/v1", new ProvidersService(runtimes, auth, health),
                                    new RouteExplainService(runtimes, auth, router), new PricingService(runtimes, auth));
                    if (vault != null) {
                        ManagementApi.register(routing, auth, vault, runtimes, budgets, clock);
                    }
                })
                .build()
                .start();
        return new HttpServer(server, heartbeats, limits);
    }

    /**
     * Starts a graceful stop: {@code /ready} answers 503 and new inference requests are refused
     * with 503 at once; then waits up to {@code timeout} for those in flight (streams included) to
     * finish, their records made and their limits settled. True if none was left.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        limits.drain();
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
        heartbeats.close();
    }
}
