package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1} bodies are at most 1 MiB (413 in the management shape, before any tokenizing), and
 * each key, the admin token included, may make {@code server.management_rpm} calls a minute there
 * (429 rate_limited with Retry-After), whatever the inference body limit.
 */
class ManagementLimitsTest {
    private static final String KEY = TestGateway.KEYROUTE_KEY;
    private static final String ADMIN = "kr-admin-" + "LimitsLimitsLimitsLimitsLimitsLimits01";
    private static final int RPM = 3;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Gateway gateway;

    @BeforeEach
    void start() {
        var server = new ServerSettings("127.0.0.1", 0, 32L * 1024 * 1024, 2_000L, 64, null, null, null, null, null,
                null, null, RPM);
        var config = new KeyrouteConfig(server, null, null,
                List.of(new ProviderSettings("openai", "openai", "http://127.0.0.1:9", TestGateway.UPSTREAM_KEY, 5_000L,
                        2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
        var auth = new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(KEY)), Caller.unrestricted("key_a", "user_a"),
                TokenHash.of(Secret.of(ADMIN)), Caller.operator()));
        gateway = Gateway.builder(config, auth).clock(clock).start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void pricingAndRouteExplainBodiesOverOneMebibyteAre413InTheManagementShape() throws Exception {
        String padding = "lorem ipsum ".repeat(1024 * 1024 / 12 + 1);
        String estimate = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + padding + "\"}]}";

        HttpResponse<String> refused = call("POST", "/api/v1/pricing/estimate", KEY, estimate);

        assertThat(refused.statusCode()).isEqualTo(413);
        JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("request_too_large");
        assertThat(error.path("message").asText()).isEqualTo("Request body exceeds the limit of 1048576 bytes.");
        assertThat(call("POST", "/api/v1/route/explain", KEY, estimate).statusCode()).isEqualTo(413);
        String justUnder = estimate.replace(padding, padding.substring(0, 1024 * 1024 - 200));
        assertThat(call("POST", "/api/v1/pricing/estimate", ADMIN, justUnder).statusCode()).isEqualTo(200);
    }

    @Test
    void eachKeyAndTheAdminTokenHaveTheirOwnManagementRate() throws Exception {
        for (int i = 0; i < RPM; i++) {
            assertThat(call("GET", "/api/v1/pricing", KEY, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = call("POST", "/api/v1/pricing/estimate", KEY,
                "{\"model\":\"openai/gpt-4o-mini\",\"prompt_tokens\":10}");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(limited.body()).at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("retry-after")).contains("20"); // one call refills in 60 s / 3
        // the admin token has a bucket of its own
        assertThat(call("GET", "/api/v1/providers", ADMIN, null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(20));
        assertThat(call("GET", "/api/v1/providers", KEY, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/providers", KEY, null).statusCode()).isEqualTo(429);
    }

    @Test
    void inferenceIsNotHeldToTheManagementRate() throws Exception {
        for (int i = 0; i < RPM; i++) {
            call("GET", "/api/v1/pricing", KEY, null);
        }
        // no upstream answers on port 9: a 502 is the inference path running, not a 429
        HttpResponse<String> chat = call("POST", "/v1/chat/completions", KEY,
                "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.statusCode()).isEqualTo(502);
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
