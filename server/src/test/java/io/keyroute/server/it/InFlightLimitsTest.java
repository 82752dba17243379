package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 10: requests in flight are bounded in all and per key, and so are the request body
 * bytes they hold; past a key's bound a request is refused with 429 {@code too_many_requests}, past
 * the gateway's with 503 {@code overloaded}, and
 * Retry-After in its endpoint's shape, and served again once the requests before it end. Requests
 * are held open by gated upstream streams, never by waiting for time.
 */
class InFlightLimitsTest {
    private static final String KEY_A = "kr-" + "InFlightKeyAInFlightKeyAInFlightKeyA0001";
    private static final String KEY_B = "kr-" + "InFlightKeyBInFlightKeyBInFlightKeyB0002";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<CompletableFuture<HttpResponse<InputStream>>> held = new ArrayList<>();
    private FakeOpenAi upstream;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.releaseChunks(1_000);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(int maxInFlight, int perKey, long bodyBytes) {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        var config = new KeyrouteConfig(
                new ServerSettings("127.0.0.1", 0, 1024L * 1024, 30_000L, 64, maxInFlight, perKey, bodyBytes, null, null,
                        null, null, null),
                null, null,
                List.of(new ProviderSettings("openai", "openai", upstream.baseUrl(), TestGateway.UPSTREAM_KEY, 60_000L,
                        2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
        var auth = new StaticTokenAuthenticator(Map.of(
                TokenHash.of(Secret.of(KEY_A)), Caller.unrestricted("key_a", "user_a"),
                TokenHash.of(Secret.of(KEY_B)), Caller.unrestricted("key_b", "user_b")));
        gateway = Gateway.builder(config, auth).start();
    }

    private static String chat(boolean stream, int contentChars) {
        return "{\"model\":\"openai/gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(contentChars) + "\"}]}";
    }

    private HttpRequest request(String key, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Streams of {@code key} held open at the gateway: the upstream has them and holds back their first event. */
    private void hold(String key, int streams, int contentChars) throws Exception {
        long received = upstream.requestCount();
        for (int i = 0; i < streams; i++) {
            upstream.enqueue(Reply.text("one two three").gated());
            held.add(http.sendAsync(request(key, "/v1/chat/completions", chat(true, contentChars)),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        for (int i = 0; i < 1_000 && upstream.requestCount() < received + streams; i++) {
            Thread.sleep(10); // polls for a condition: the requests have reached the upstream
        }
        assertThat(upstream.requestCount()).isEqualTo(received + streams);
    }

    /** Lets every held stream finish, reads each to its end, and waits until the gateway has none in flight. */
    private void finishHeld() throws Exception {
        upstream.releaseChunks(1_000);
        for (var response : held) {
            try (InputStream body = response.get(30, TimeUnit.SECONDS).body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("data: [DONE]");
            }
        }
        held.clear();
        for (int i = 0; i < 400 && gateway.inFlight() > 0; i++) {
            Thread.sleep(10); // polls for a condition: the handlers' last bookkeeping after the last byte
        }
        assertThat(gateway.inFlight()).isZero();
    }

    @Test
    void aKeyPastItsRequestsInFlightIsRefusedWhileOtherKeysAreServed() throws Exception {
        start(10, 2, 64L * 1024 * 1024);
        hold(KEY_A, 2, 10);

        HttpResponse<String> refused = http.send(request(KEY_A, "/v1/chat/completions", chat(false, 10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).contains("1");
        var error = Json.MAPPER.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("too_many_requests");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.path("message").asText()).contains("This key has 2 requests in flight");

        assertThat(http.send(request(KEY_B, "/v1/chat/completions", chat(false, 10)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        finishHeld();
        assertThat(http.send(request(KEY_A, "/v1/chat/completions", chat(false, 10)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void pastTheGatewaysRequestsInFlightEveryKeyIsRefusedInItsEndpointsShape() throws Exception {
        start(2, 2, 64L * 1024 * 1024);
        hold(KEY_A, 2, 10);

        HttpResponse<String> refused = http.send(request(KEY_B, "/v1/messages",
                        "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).contains("1");
        var body = Json.MAPPER.readTree(refused.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(body.path("error").path("message").asText()).contains("serving 2 requests at once");

        finishHeld();
        assertThat(http.send(request(KEY_B, "/v1/chat/completions", chat(false, 10)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void largeBodiesInFlightAreBoundedInBytesWhileSmallOnesStillPass() throws Exception {
        // 200 KiB bodies count 136 KiB each (past the first 64 KiB): one fits in 200 KiB, two do not.
        start(10, 10, 200L * 1024);
        hold(KEY_A, 1, 200 * 1024);

        HttpResponse<String> refused = http.send(request(KEY_B, "/v1/chat/completions", chat(false, 200 * 1024)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).contains("1");
        assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("overloaded");
        assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("message").asText())
                .contains("Request bodies in flight hold 204800 bytes");
        assertThat(http.send(request(KEY_B, "/v1/chat/completions", chat(false, 1024)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        finishHeld();
        assertThat(http.send(request(KEY_B, "/v1/chat/completions", chat(false, 200 * 1024)),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}
