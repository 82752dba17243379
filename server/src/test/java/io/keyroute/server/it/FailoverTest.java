package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.CircuitBreakerSettings;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and failover over loopback: route {@code chat} tries provider {@code primary}, then
 * {@code secondary}, each a fake OpenAI upstream, and each test asserts the exact sequence of
 * attempts the upstreams saw.
 */
class FailoverTest {
    private static final String PRIMARY_KEY = "sk-" + "primaryKey0123456789abcdefghijklmnopqrstuv";
    private static final String SECONDARY_KEY = "sk-" + "secondaryKey0123456789abcdefghijklmnopqrstu";
    private static final String CHAT = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    private FakeOpenAi primary;
    private FakeOpenAi secondary;
    private TestGateway keyroute;

    @BeforeEach
    void upstreams() {
        primary = FakeOpenAi.builder().apiKey(PRIMARY_KEY).start();
        secondary = FakeOpenAi.builder().apiKey(SECONDARY_KEY).start();
    }

    @AfterEach
    void stop() {
        if (keyroute != null) {
            keyroute.close();
        }
        primary.close();
        secondary.close();
    }

    private void start(int maxAttempts, long maxBackoffMs, long timeoutMs, int maxTotalAttempts) {
        start(maxAttempts, maxBackoffMs, timeoutMs, maxTotalAttempts, Caller.unrestricted("key_test", "user_test"), Map.of());
    }

    private void start(int maxAttempts, long maxBackoffMs, long timeoutMs, int maxTotalAttempts, Caller caller,
                       Map<String, PlanSettings> plans) {
        start(maxAttempts, maxBackoffMs, timeoutMs, maxTotalAttempts, caller, plans, null);
    }

    private void start(int maxAttempts, long maxBackoffMs, long timeoutMs, int maxTotalAttempts, Caller caller,
                       Map<String, PlanSettings> plans, CircuitBreakerSettings breaker) {
        var config = new KeyrouteConfig(
                new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64),
                null, null,
                List.of(new ProviderSettings("primary", "openai", primary.baseUrl(), PRIMARY_KEY, timeoutMs, 2_000L, Map.of()),
                        new ProviderSettings("secondary", "openai", secondary.baseUrl(), SECONDARY_KEY, timeoutMs, 2_000L, Map.of())),
                List.of(),
                List.of(new RouteSettings("chat", "fallback", List.of("primary/gpt-4o-mini"),
                        List.of("secondary/gpt-4o-mini"), Map.of())),
                new RetrySettings(maxAttempts, 4L, Math.max(4L, maxBackoffMs), maxTotalAttempts, 60_000L),
                plans, null, null, breaker);
        keyroute = TestGateway.with(config, caller);
    }

    private static int count(FakeOpenAi upstream) {
        return (int) upstream.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count();
    }

    private static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }

    @Test
    void a503IsRetriedOnTheSameCandidateThenSucceeds() throws Exception {
        start(3, 5, 5_000, 10);
        primary.enqueue(Reply.error(503, "overloaded"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(count(primary)).isEqualTo(2);
        assertThat(count(secondary)).isZero();
        assertThat(header(res, "x-keyroute-provider")).isEqualTo("primary");
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("2");
        assertThat(keyroute.sleeps).hasSize(1);
        assertThat(header(res, "x-keyroute-route-reason"))
                .isEqualTo("Route 'chat' (fallback): SIMPLE request; first available candidate in configured order.");
    }

    @Test
    void a429HonoursRetryAfter() throws Exception {
        start(3, 2_000, 5_000, 10);
        primary.enqueue(Reply.rateLimited("gpt-4o-mini", Duration.ofSeconds(1)));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(count(primary)).isEqualTo(2);
        assertThat(keyroute.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a429AskingForLongerThanTheBackoffCapMovesOn() throws Exception {
        start(3, 5, 5_000, 10);
        primary.enqueue(Reply.rateLimited("gpt-4o-mini", Duration.ofSeconds(30)));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(count(primary)).isEqualTo(1);
        assertThat(count(secondary)).isEqualTo(1);
        assertThat(keyroute.sleeps).isEmpty();
    }

    @Test
    void a401MovesToTheNextCandidateWithoutRetrying() throws Exception {
        start(3, 5, 5_000, 10);
        primary.enqueue(Reply.error(401, "Incorrect API key provided"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(count(primary)).isEqualTo(1);
        assertThat(count(secondary)).isEqualTo(1);
        assertThat(header(res, "x-keyroute-provider")).isEqualTo("secondary");
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("2");
        assertThat(keyroute.sleeps).isEmpty();
    }

    @Test
    void a400GoesStraightBackToTheCaller() throws Exception {
        start(3, 5, 5_000, 10);
        primary.enqueue(Reply.error(400, "Invalid 'messages[0].role'"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(count(primary)).isEqualTo(1);
        assertThat(count(secondary)).isZero();
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("1");
    }

    @Test
    void timeoutsAreRetriedThenTheNextCandidateServes() throws Exception {
        start(2, 5, 300, 10);
        primary.enqueue(Reply.text("late").headersDelay(Duration.ofSeconds(2)),
                Reply.text("late").headersDelay(Duration.ofSeconds(2)));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(count(primary)).isEqualTo(2);
        assertThat(count(secondary)).isEqualTo(1);
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("3");
    }

    @Test
    void everyAttemptFailingIsA502NamingEachAttempt() throws Exception {
        start(2, 5, 5_000, 10);
        primary.enqueue(Reply.error(503, "a"), Reply.error(500, "b"));
        secondary.enqueue(Reply.error(502, "c"), Reply.error(503, "d"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(count(primary)).isEqualTo(2);
        assertThat(count(secondary)).isEqualTo(2);
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("4");
        assertThat(res.body()).contains("All 4 attempts failed: primary 503; primary 500; secondary 502; secondary 503");
    }

    @Test
    void totalAttemptsAreBoundedAcrossCandidates() throws Exception {
        start(3, 5, 5_000, 2);
        primary.enqueue(Reply.error(503, "a"), Reply.error(503, "b"), Reply.error(503, "c"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(count(primary)).isEqualTo(2);
        assertThat(count(secondary)).isZero();
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("2");
    }

    @Test
    void aStreamThatFailsAfterItsFirstByteIsNotFailedOver() throws Exception {
        start(3, 5, 5_000, 10);
        primary.enqueue(Reply.text("one two three four").errorAfterChunks(2, "upstream broke"));
        String body = "{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> res = keyroute.post("/chat/completions", body);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("upstream broke");
        assertThat(count(primary)).isEqualTo(1);
        assertThat(count(secondary)).isZero();
        JsonNode health = Json.MAPPER.readTree(keyroute.call("GET", "/api/v1/providers/primary", null).body()).path("health");
        assertThat(health.path("consecutive_failures").asInt()).as("the cut counts against the provider").isEqualTo(1);
    }

    @Test
    void anOpenCircuitIsSkippedWithTheReasonAndShownByTheProvidersApi() throws Exception {
        start(1, 5, 5_000, 10);
        for (int i = 0; i < 5; i++) {
            primary.enqueue(Reply.error(503, "down " + i));
            assertThat(keyroute.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(count(primary)).isEqualTo(5);

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(count(primary)).as("skipped while open").isEqualTo(5);
        assertThat(header(res, "x-keyroute-provider")).isEqualTo("secondary");
        assertThat(header(res, "x-keyroute-route-reason")).contains("skipped primary/gpt-4o-mini (circuit open, next probe in");

        JsonNode providers = Json.MAPPER.readTree(keyroute.call("GET", "/api/v1/providers", null).body());
        JsonNode first = providers.path("data").get(0);
        assertThat(first.path("id").asText()).isEqualTo("primary");
        assertThat(first.path("health").path("circuit").asText()).isEqualTo("open");
        assertThat(first.path("health").path("error_rate").asDouble()).isEqualTo(1.0);
        JsonNode second = Json.MAPPER.readTree(keyroute.call("GET", "/api/v1/providers/secondary", null).body());
        assertThat(second.path("health").path("circuit").asText()).isEqualTo("closed");
        assertThat(second.path("health").path("p50_ms").isNumber()).isTrue();
        assertThat(keyroute.call("GET", "/api/v1/providers/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theConfiguredBreakerThresholdOpensTheCircuit() throws Exception {
        start(1, 5, 5_000, 10, Caller.unrestricted("key_test", "user_test"), Map.of(),
                new CircuitBreakerSettings(2, null, null, null, 60_000L, null));
        for (int i = 0; i < 2; i++) {
            primary.enqueue(Reply.error(503, "down " + i));
            assertThat(keyroute.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(count(primary)).as("open after 2 failures, not the default 5").isEqualTo(2);
        assertThat(header(res, "x-keyroute-provider")).isEqualTo("secondary");
        assertThat(header(res, "x-keyroute-route-reason")).contains("skipped primary/gpt-4o-mini (circuit open, next probe in");
    }

    @Test
    void aCircuitOpeningDuringRetriesMovesOnAndThe502NamesEveryAttempt() throws Exception {
        start(3, 5, 5_000, 10, Caller.unrestricted("key_test", "user_test"), Map.of(),
                new CircuitBreakerSettings(2, null, null, null, 60_000L, null));
        primary.enqueue(Reply.error(503, "a"), Reply.error(503, "b"), Reply.error(503, "c"));
        secondary.enqueue(Reply.error(500, "d"), Reply.error(500, "e"), Reply.error(500, "f"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(count(primary)).as("its circuit opened after 2 failures: no third try").isEqualTo(2);
        assertThat(count(secondary)).isEqualTo(2);
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("4");
        assertThat(res.body()).contains("All 4 attempts failed: primary 503; primary 503; primary circuit open; "
                + "secondary 500; secondary 500; secondary circuit open. Last: secondary returned 500: e");

        HttpResponse<String> next = keyroute.post("/chat/completions", CHAT);

        assertThat(next.statusCode()).isEqualTo(502);
        assertThat(next.body()).as("every candidate, not only the first").contains(
                "No candidate could be tried: primary circuit open; secondary circuit open.");
        assertThat(count(primary) + count(secondary)).isEqualTo(4);
    }

    @Test
    void aCircuitOpeningDuringRetriesHandsTheRequestToTheNextCandidate() throws Exception {
        start(3, 5, 5_000, 10, Caller.unrestricted("key_test", "user_test"), Map.of(),
                new CircuitBreakerSettings(2, null, null, null, 60_000L, null));
        primary.enqueue(Reply.error(503, "a"), Reply.error(503, "b"), Reply.error(503, "c"));

        HttpResponse<String> res = keyroute.post("/chat/completions", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "x-keyroute-provider")).isEqualTo("secondary");
        assertThat(header(res, "x-keyroute-attempts")).isEqualTo("3");
        assertThat(count(primary)).isEqualTo(2);
    }

    @Test
    void explainShowsTheDecisionWithoutCallingAProvider() throws Exception {
        start(3, 5, 5_000, 10);

        HttpResponse<String> res = keyroute.call("POST", "/api/v1/route/explain", CHAT);

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode d = Json.MAPPER.readTree(res.body());
        assertThat(d.path("route").asText()).isEqualTo("chat");
        assertThat(d.path("strategy").asText()).isEqualTo("fallback");
        assertThat(d.path("complexity").path("level").asText()).isEqualTo("SIMPLE");
        assertThat(d.path("complexity").path("features").path("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(d.path("candidates")).hasSize(2);
        assertThat(d.path("chosen").asText()).isEqualTo("primary/gpt-4o-mini");
        assertThat(d.path("reason").asText()).startsWith("Route 'chat' (fallback)");
        assertThat(count(primary) + count(secondary)).isZero();
    }

    @Test
    void aPlanLimitsModelsWithA403NamingIt() throws Exception {
        start(3, 5, 5_000, 10, new Caller("key_free", "user_free", "ws_1", "free", Set.of(), false),
                Map.of("free", new PlanSettings(List.of("secondary/*"), false, 5.0)));

        HttpResponse<String> direct = keyroute.post("/chat/completions",
                "{\"model\":\"primary/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(direct.statusCode()).isEqualTo(403);
        JsonNode error = Json.MAPPER.readTree(direct.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(error.path("message").asText()).contains("plan 'free'");

        HttpResponse<String> routed = keyroute.post("/chat/completions", CHAT);
        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(header(routed, "x-keyroute-provider")).isEqualTo("secondary");
        assertThat(header(routed, "x-keyroute-route-reason")).contains("skipped primary/gpt-4o-mini (not in plan 'free')");
        assertThat(count(primary)).isZero();

        JsonNode models = Json.MAPPER.readTree(keyroute.call("GET", "/v1/models", null).body());
        List<String> ids = new java.util.ArrayList<>();
        models.path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("chat").noneMatch(id -> id.startsWith("primary/") || id.startsWith("openai/"));

    }

    @Test
    void aPlanWithoutByokRefusesTheCallersOwnCredential() throws Exception {
        start(3, 5, 5_000, 10, new Caller("key_free", "user_free", "ws_1", "free", Set.of(), false),
                Map.of("free", new PlanSettings(List.of("*"), false, null)));

        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(keyroute.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("x-keyroute-credential", "cred_mine")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build();
        HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(res.body()).path("error").path("code").asText()).isEqualTo("byok_not_allowed");
        assertThat(count(primary) + count(secondary)).isZero();
    }

    @Test
    void pricingListsTheCatalog() throws Exception {
        start(3, 5, 5_000, 10);

        JsonNode all = Json.MAPPER.readTree(keyroute.call("GET", "/api/v1/pricing", null).body());
        assertThat(all.path("data").size()).isGreaterThan(20);
        JsonNode mini = Json.MAPPER.readTree(keyroute.call("GET", "/api/v1/pricing/openai/gpt-4o-mini", null).body());
        assertThat(mini.path("input_usd_per_mtok").asDouble()).isEqualTo(0.15);
        assertThat(mini.path("price_source").asText()).contains("Portkey-AI/models");
        JsonNode compare = Json.MAPPER.readTree(keyroute.call("GET",
                "/api/v1/pricing/compare?prompt_tokens=1000&completion_tokens=1000&capability=vision", null).body());
        List<Double> costs = new java.util.ArrayList<>();
        compare.path("data").forEach(row -> costs.add(row.path("cost_usd").asDouble()));
        assertThat(costs).isNotEmpty().isSorted();
        JsonNode estimate = Json.MAPPER.readTree(keyroute.call("POST", "/api/v1/pricing/estimate",
                "{\"model\":\"openai/gpt-4o-mini\",\"prompt_tokens\":1000000,\"max_tokens\":0}").body());
        assertThat(estimate.path("estimated_cost_usd").asDouble()).isEqualTo(0.15);
    }
}
