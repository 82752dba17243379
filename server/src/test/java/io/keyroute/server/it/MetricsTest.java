package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.MetricsSettings;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} over a real gateway: route {@code chat} tries {@code primary}, then
 * {@code secondary}; each test drives requests through fakes and reads exact values from the
 * Prometheus text.
 */
class MetricsTest {
    private static final String PRIMARY_KEY = "sk-" + "primaryKey0123456789abcdefghijklmnopqrstuv";
    private static final String SECONDARY_KEY = "sk-" + "secondaryKey0123456789abcdefghijklmnopqrstu";
    private static final String METRICS_TOKEN = "metrics-" + "T0ken0123456789abcdef";
    private static final String CHAT = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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

    private void start(String metricsToken) {
        start(metricsToken, "127.0.0.1");
    }

    private void start(String metricsToken, String host) {
        var config = new KeyrouteConfig(
                new ServerSettings(host, 0, 64L * 1024, 2_000L, 64),
                null, null,
                List.of(new ProviderSettings("primary", "openai", primary.baseUrl(), PRIMARY_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("secondary", "openai", secondary.baseUrl(), SECONDARY_KEY, 5_000L, 2_000L,
                                Map.of())),
                // $1 in, $2 out per million tokens: a request's cost is exact in micro-dollars.
                List.of(new ModelSettings("primary/gpt-4o-mini", 1.0, 2.0, null, null, null, 128_000, 16_384, "budget", List.of()),
                        new ModelSettings("secondary/gpt-4o-mini", 1.0, 2.0, null, null, null, 128_000, 16_384, "budget", List.of())),
                List.of(new RouteSettings("chat", "fallback", List.of("primary/gpt-4o-mini"),
                        List.of("secondary/gpt-4o-mini"), Map.of())),
                new RetrySettings(2, 1L, 5L, 10, 60_000L), Map.of(), null, new MetricsSettings(metricsToken), null);
        keyroute = TestGateway.with(config, Caller.unrestricted("key_test", "user_test"));
    }

    @Test
    void countsRequestsTokensCostRetriesAndFallbacks() throws Exception {
        start(null);
        primary.enqueue(Reply.text("one").usage(11, 7, 0, 0));
        primary.enqueue(Reply.error(503, "overloaded"));
        primary.enqueue(Reply.text("two").usage(5, 3, 0, 0));
        primary.enqueue(Reply.error(503, "overloaded"));
        primary.enqueue(Reply.error(503, "overloaded"));
        secondary.enqueue(Reply.text("three").usage(2, 1, 0, 0));

        for (int i = 0; i < 3; i++) {
            assertThat(keyroute.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
        List<RequestRecord> records = keyroute.awaitRecords(3);
        String text = scrape(null).body();

        assertThat(value(text, "keyroute_requests_total", "provider", "primary", "model", "gpt-4o-mini", "status", "200"))
                .isEqualTo(2);
        assertThat(value(text, "keyroute_requests_total", "provider", "secondary", "status", "200")).isEqualTo(1);
        assertThat(value(text, "keyroute_tokens_total", "provider", "primary", "direction", "prompt")).isEqualTo(16);
        assertThat(value(text, "keyroute_tokens_total", "provider", "primary", "direction", "completion")).isEqualTo(10);
        assertThat(value(text, "keyroute_tokens_total", "provider", "secondary", "direction", "prompt")).isEqualTo(2);
        // One 503 retried on request two; two 503s on request three, the second after a retry, then the fallback.
        assertThat(value(text, "keyroute_upstream_errors_total", "provider", "primary", "status", "503")).isEqualTo(3);
        assertThat(value(text, "keyroute_retries_total", "provider", "primary")).isEqualTo(2);
        assertThat(value(text, "keyroute_fallbacks_total", "provider", "secondary")).isEqualTo(1);
        assertThat(value(text, "keyroute_request_duration_seconds_count", "provider", "primary")).isEqualTo(2);
        long primaryMicros = records.stream().filter(r -> r.provider().equals("primary"))
                .mapToLong(r -> Objects.requireNonNull(r.costMicros())).sum();
        assertThat(primaryMicros).isEqualTo(16 + 10 * 2);
        // Dollars are a double sum of micro-dollar amounts: exact to far below a micro-dollar.
        assertThat(value(text, "keyroute_cost_usd_total", "provider", "primary")).isCloseTo(36e-6, within(1e-12));
        assertThat(value(text, "keyroute_circuit_state", "provider", "primary")).isZero();
        assertThat(value(text, "keyroute_circuit_state", "provider", "secondary")).isZero();
    }

    @Test
    void aRequestThatReachesNoProviderIsCountedWithoutItsRequestedModel() throws Exception {
        start(null);
        // A caller who pastes a key as the model: the 404 is counted, the string is not a label.
        var res = keyroute.post("/chat/completions",
                "{\"model\":\"" + PRIMARY_KEY + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(404);
        keyroute.awaitRecords(1);

        String text = scrape(null).body();

        assertThat(value(text, "keyroute_requests_total", "provider", "none", "model", "none", "status", "404"))
                .isEqualTo(1);
        assertNoSecrets(text);
    }

    @Test
    void theScrapeNeverContainsAKey() throws Exception {
        start(METRICS_TOKEN);
        primary.enqueue(Reply.error(401, "Incorrect API key provided: " + PRIMARY_KEY));
        assertThat(keyroute.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
        keyroute.awaitRecords(1);

        String text = scrape(METRICS_TOKEN).body();

        assertThat(value(text, "keyroute_upstream_errors_total", "provider", "primary", "status", "401")).isEqualTo(1);
        assertNoSecrets(text);
    }

    @Test
    void aMetricsTokenIsRequiredWhenSet() throws Exception {
        start(METRICS_TOKEN);

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("wrong-" + METRICS_TOKEN).statusCode()).isEqualTo(401);
        assertThat(keyroute.call("GET", "/metrics", null).statusCode()).isEqualTo(401); // a Keyroute key is not it
        HttpResponse<String> ok = scrape(METRICS_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(ok.body()).contains("keyroute_circuit_state");
    }

    @Test
    void withoutATokenMetricsAreOpen() throws Exception {
        start(null);

        assertThat(scrape(null).statusCode()).isEqualTo(200);
    }

    @Test
    void beyondLoopbackWithoutATokenMetricsAre403AndTheStartSaysSoOnce() throws Exception {
        var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.keyroute.server.ops.MetricsService");
        var warnings = new ListAppender<ILoggingEvent>();
        warnings.start();
        logger.addAppender(warnings);
        try {
            start(null, "0.0.0.0");
        } finally {
            logger.detachAppender(warnings);
        }

        HttpResponse<String> res = scrape(null);

        assertThat(res.statusCode()).isEqualTo(403);
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(Json.MAPPER.readTree(res.body()).fieldNames()).toIterable().containsExactly("error");
        assertThat(error.path("code").asText()).isEqualTo("metrics_token_required");
        assertThat(error.path("message").asText()).contains("metrics.token");
        assertThat(res.body()).doesNotContain("keyroute_");
        assertThat(warnings.list).hasSize(1);
        assertThat(warnings.list.getFirst().getLevel()).isEqualTo(Level.WARN);
        assertThat(warnings.list.getFirst().getFormattedMessage()).contains("0.0.0.0", "metrics.token");
    }

    @Test
    void beyondLoopbackWithATokenMetricsAreServedToItsBearer() throws Exception {
        start(METRICS_TOKEN, "0.0.0.0");

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape(METRICS_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aModelOutsideTheCatalogIsLabelledOther() throws Exception {
        start(null);

        assertThat(keyroute.post("/chat/completions", CHAT.replace("\"chat\"", "\"primary/gpt-4o-mini-2099-01-01\""))
                .statusCode()).isEqualTo(200);
        assertThat(keyroute.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
        keyroute.awaitRecords(2);
        String text = scrape(null).body();

        assertThat(value(text, "keyroute_requests_total", "provider", "primary", "model", "other")).isEqualTo(1);
        assertThat(value(text, "keyroute_requests_total", "provider", "primary", "model", "gpt-4o-mini")).isEqualTo(1);
        assertThat(text).doesNotContain("2099-01-01");
    }

    /**
     * A burst of 10,000 distinct made-up models adds no series: the scrape has as many lines after
     * it as after the first of them, every one counted under {@code other}.
     */
    @Test
    void tenThousandDistinctModelsLeaveTheMetricsOutputBounded() throws Exception {
        start(null);
        assertThat(keyroute.post("/chat/completions", chat("primary/made-up-first")).statusCode()).isEqualTo(200);
        keyroute.awaitRecords(1);
        long linesAfterOne = scrape(null).body().lines().count();

        int threads = 8;
        int each = 10_000 / threads;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> oks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                oks.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        ok += keyroute.post("/chat/completions", chat("primary/made-up-" + thread + "-" + i))
                                .statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> ok : oks) {
                assertThat(ok.get()).isEqualTo(each);
            }
        }
        keyroute.awaitRecords(10_001);
        String text = scrape(null).body();

        assertThat(text.lines().count()).isEqualTo(linesAfterOne);
        assertThat(text.lines().filter(line -> line.startsWith("keyroute_requests_total{"))).hasSize(1);
        assertThat(value(text, "keyroute_requests_total", "provider", "primary", "model", "other", "status", "200"))
                .isEqualTo(10_001);
        assertThat(text).doesNotContain("made-up");
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    private HttpResponse<String> scrape(String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyroute.gateway.port() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoSecrets(String text) {
        assertThat(text).doesNotContain(TestGateway.KEYROUTE_KEY, PRIMARY_KEY, SECONDARY_KEY, METRICS_TOKEN, "kr-", "sk-");
    }

    /** The value of the one series named {@code name} carrying every given label (pairs of name, value). */
    private static double value(String text, String name, String... labels) {
        List<String> lines = text.lines().filter(line -> line.startsWith(name + "{")).filter(line -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!line.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(lines).as("%s %s in%n%s", name, List.of(labels), text).hasSize(1);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
