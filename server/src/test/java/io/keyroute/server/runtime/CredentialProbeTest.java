package io.keyroute.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyroute.api.Secret;
import io.keyroute.providers.ProviderRegistry;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.SecuritySettings;
import io.keyroute.vault.credentials.ProviderInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credential probe (was vault's ModelListCheck): the kind's models call through the upstream
 * transport, with its guarantees: the key and known secrets never quoted back, at most 300
 * characters of the answer, no redirect followed, a caller's own base URL guarded at connection.
 */
class CredentialProbeTest {
    private static final String KEY = "sk-proj-" + "ProbeProbeProbeProbeProbe0001";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Answer answer = new Answer(200, "{\"data\":[]}", Map.of());
    private HttpServer server;
    private String base;

    private record Answer(int status, String body, Map<String, String> headers) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        Answer a = answer;
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        a.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(a.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aWorkingKeyPassesWithTheKindsModelsCall() {
        assertThat(check(base + "/v1", base + "/v1", true)).isEmpty();

        assertThat(requests).containsExactly("GET /v1/models Bearer " + KEY);
    }

    @Test
    void aRefusalIsQuotedAtMost300CharactersWithoutTheKey() {
        answer = new Answer(401, "{\"error\":\"Incorrect API key provided: " + KEY + "\"}" + "x".repeat(1_000), Map.of());

        String failure = check(base + "/v1", base + "/v1", true).orElseThrow();

        assertThat(failure).startsWith("HTTP 401 from openai: {\"error\":\"Incorrect API key provided: ")
                .doesNotContain(KEY).endsWith("…");
        assertThat(failure.length()).isLessThanOrEqualTo("HTTP 401 from openai: ".length() + 300 + 1);
    }

    @Test
    void aRedirectIsNotFollowed() {
        answer = new Answer(302, "", Map.of("Location", base + "/elsewhere"));

        assertThat(check(base + "/v1", base + "/v1", true)).hasValueSatisfying(f -> assertThat(f).startsWith("HTTP 302 from openai"));
        assertThat(requests).hasSize(1).noneMatch(r -> r.contains("/elsewhere"));
    }

    @Test
    void aCallersOwnBaseUrlIsGuardedWhenItConnects() {
        // localhost is not the configured origin (127.0.0.1): the guard resolves it, and refuses loopback.
        String own = base.replace("127.0.0.1", "localhost") + "/v1";

        assertThat(check(base + "/v1", own, false)).hasValueSatisfying(f -> assertThat(f).startsWith("cannot reach openai: "));
        assertThat(requests).isEmpty();
        assertThat(check(base + "/v1", base + "/v1", false)).as("the operator's origin is reached").isEmpty();
    }

    @Test
    void theMockHasNothingToAsk() {
        var probe = new CredentialProbe(() -> null, ProviderRegistry.builtIn());

        assertThat(probe.check(new ProviderInfo("mock", "mock", URI.create("mock://local"), k -> Optional.empty()),
                URI.create("mock://local"), Secret.of("mock"))).isEmpty();
    }

    private Optional<String> check(String configured, String baseUrl, boolean allowPrivate) {
        var config = new KeyrouteConfig(null, null, null,
                List.of(new ProviderSettings("openai", "openai", configured, null, null, null, Map.of())),
                null, null, null, null, new SecuritySettings(allowPrivate), null, null);
        GatewayRuntime runtime = new RuntimeFactory(Clock.systemUTC()).build(config);
        var probe = new CredentialProbe(() -> runtime, ProviderRegistry.builtIn());
        return probe.check(new ProviderInfo("openai", "openai", URI.create(configured), k -> Optional.empty()),
                URI.create(baseUrl), Secret.of(KEY));
    }
}
