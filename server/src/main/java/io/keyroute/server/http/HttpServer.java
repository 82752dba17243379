package io.keyroute.server.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.pipeline.AttemptRunner;
import io.keyroute.server.pipeline.CredentialResolver;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.usage.UsageSink;
import io.keyroute.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Helidon web server with Keyroute's services. TCP_NODELAY is on: Helidon's default (off)
 * held small SSE writes back by ~40 ms each.
 */
public final class HttpServer implements AutoCloseable {
    private final WebServer server;
    private final Heartbeats heartbeats;

    private HttpServer(WebServer server, Heartbeats heartbeats) {
        this.server = server;
        this.heartbeats = heartbeats;
    }

    /**
     * @param runtimes the current runtime; read once per request, so a reload never splits one
     * @param vault    the management API's store, or null for none (inference only)
     */
    public static HttpServer start(String host, int port, Duration heartbeatInterval, Supplier<GatewayRuntime> runtimes,
                                   Authenticator authenticator, CredentialResolver credentials, Vault vault,
                                   UsageSink usage, AttemptRunner.Sleeper sleeper, Clock clock) {
        var heartbeats = new Heartbeats(heartbeatInterval);
        var auth = new CallerAuth(authenticator);
        var chat = new ChatCompletionsHandler(runtimes, auth, new AttemptRunner(credentials, sleeper),
                new JsonDelivery(), new StreamRelay(heartbeats), usage);
        var models = new ModelsHandler(runtimes, auth, clock.instant().getEpochSecond());
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing -> {
                    routing.register(new OpsService(() -> runtimes.get() != null,
                                    () -> vault == null || vault.database().ready()))
                            .register("/v1", new InferenceService(chat, models));
                    if (vault != null) {
                        ManagementApi.register(routing, auth, vault, runtimes);
                    }
                })
                .build()
                .start();
        return new HttpServer(server, heartbeats);
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
