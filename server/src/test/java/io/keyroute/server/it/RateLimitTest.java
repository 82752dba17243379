package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key issued through the management API with {@code rpm}/{@code tpm}, over real HTTP: 429
 * {@code rate_limited} with Retry-After in each caller's API shape, counted in the metrics, and
 * buckets that refill as the (injected) clock advances.
 */
class RateLimitTest {
    private static final String UPSTREAM_KEY = "sk-proj-" + "RateRateRateRateRateRateRate0001";
    private static final String MODEL = "openai/gpt-4o-mini";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeOpenAi upstream;
    private VaultGateway g;
    private Tenancy t;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeOpenAi.start(UPSTREAM_KEY);
        g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl());
        t = Tenancy.create(g);
        assertThat(g.call("POST", "/api/v1/workspaces/" + t.ws() + "/llm-credentials", t.adaKey(),
                "{\"provider\":\"openai\",\"api_key\":\"" + UPSTREAM_KEY + "\"}").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        g.close();
        upstream.close();
    }

    @Test
    void requestsPerMinuteRefuseInEachCallersShapeWithRetryAfterAndRefill() throws Exception {
        Response issued = g.call("POST", "/api/v1/users/" + t.ada() + "/keys", VaultGateway.ADMIN_TOKEN,
                "{\"name\":\"limited\",\"rpm\":2}");
        assertThat(issued.json().get("rpm").asInt()).isEqualTo(2);
        String key = issued.text("key");
        assertThat(chat(key, 10).statusCode()).isEqualTo(200);
        assertThat(messages(key).statusCode()).isEqualTo(200);

        HttpResponse<String> openAi = chat(key, 10);
        assertThat(openAi.statusCode()).isEqualTo(429);
        assertThat(openAi.headers().firstValue("retry-after")).hasValue("30"); // 2 a minute: one every 30 s
        JsonNode error = Json.MAPPER.readTree(openAi.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limited");
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("message").asText()).isEqualTo("Rate limit reached for this key: 2 requests per minute.");

        g.rateLimitClock.advance(Duration.ofSeconds(10));
        HttpResponse<String> anthropic = messages(key);
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("retry-after")).hasValue("20");
        JsonNode body = Json.MAPPER.readTree(anthropic.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(body.at("/error/message").asText()).contains("2 requests per minute");

        assertThat(metric("keyroute_limit_rejections_total{code=\"rate_limited\"}")).isEqualTo(2.0);
        assertThat(chat(t.adaKey(), 10).statusCode()).as("a key without limits").isEqualTo(200);

        g.rateLimitClock.advance(Duration.ofSeconds(20));
        assertThat(chat(key, 10).statusCode()).isEqualTo(200);
        assertThat(chat(key, 10).statusCode()).isEqualTo(429);
    }

    @Test
    void tokensPerMinuteCountTheTokensReallyUsed() throws Exception {
        String key = g.call("POST", "/api/v1/users/" + t.ada() + "/keys", VaultGateway.ADMIN_TOKEN,
                "{\"name\":\"tokens\",\"tpm\":1000}").text("key");

        HttpResponse<String> tooLarge = chat(key, 5_000);
        assertThat(tooLarge.statusCode()).isEqualTo(429);
        assertThat(tooLarge.headers().firstValue("retry-after")).isEmpty(); // waiting would not help
        assertThat(Json.MAPPER.readTree(tooLarge.body()).at("/error/message").asText())
                .endsWith("more than this key's limit of 1000 tokens per minute.");

        // Charged about a dozen tokens at admission, the answer really used 950: 50 are left.
        upstream.enqueue(Reply.text("long answer").usage(900, 50, 0, 0));
        assertThat(chat(key, 10).statusCode()).isEqualTo(200);
        // The answer is sent before it is settled; its ledger row (after the refusal's) follows the settlement.
        assertThat(g.awaitUsageRows(2)).isEqualTo(2);

        HttpResponse<String> refused = chat(key, 100);
        assertThat(refused.statusCode()).isEqualTo(429);
        String message = Json.MAPPER.readTree(refused.body()).at("/error/message").asText();
        Matcher needs = Pattern.compile("1000 tokens per minute \\(this request needs about (\\d+)\\)").matcher(message);
        assertThat(needs.find()).as(message).isTrue();
        long missing = Long.parseLong(needs.group(1)) - 50;
        long seconds = (missing * 60 + 999) / 1000; // 1000 tokens a minute, rounded up to whole seconds
        assertThat(refused.headers().firstValue("retry-after")).hasValue(String.valueOf(seconds));

        g.rateLimitClock.advance(Duration.ofSeconds(seconds));
        assertThat(chat(key, 100).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenCountsTakeFromTheKeysRequestsPerMinuteWithTheCallersCredentialAndAreNotRecorded() throws Exception {
        String key = g.call("POST", "/api/v1/users/" + t.ada() + "/keys", VaultGateway.ADMIN_TOKEN,
                "{\"name\":\"counting\",\"rpm\":2}").text("key");
        String count = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> counted = post("/v1/responses/input_tokens", key, "{\"model\":\"" + MODEL
                + "\",\"input\":\"Hello there friend\"}");
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(counted.body()).path("input_tokens").asLong()).isEqualTo(5); // 18 characters
        assertThat(upstream.lastRequest().path()).isEqualTo("/v1/responses/input_tokens");
        assertThat(upstream.lastRequest().header("authorization")).as("the workspace's stored credential")
                .isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(post("/v1/messages/count_tokens", key, count).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = post("/v1/messages/count_tokens", key, count);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).hasValue("30");
        assertThat(Json.MAPPER.readTree(refused.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(chat(key, 10).statusCode()).as("the bucket inference takes from").isEqualTo(429);

        g.rateLimitClock.advance(Duration.ofSeconds(30));
        assertThat(chat(key, 10).statusCode()).isEqualTo(200);
        assertThat(g.awaitUsageRows(2)).as("the chat's refusal and its answer, no count").isEqualTo(2);
    }

    @Test
    void readingAResponseOpenAiKeepsTakesFromTheKeysRequestsPerMinuteAndARefusedReadReachesNoUpstream() throws Exception {
        String key = g.call("POST", "/api/v1/users/" + t.ada() + "/keys", VaultGateway.ADMIN_TOKEN,
                "{\"name\":\"reading\",\"rpm\":2}").text("key");
        upstream.enqueue(Reply.text("kept").usage(5, 2, 0, 0));
        HttpResponse<String> created = post("/v1/responses", key, "{\"model\":\"" + MODEL + "\",\"input\":\"hi\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = Json.MAPPER.readTree(created.body()).path("id").asText();

        assertThat(get("/v1/responses/" + id, key).statusCode()).as("the key's second request this minute").isEqualTo(200);
        int seen = upstream.requests().size();
        HttpResponse<String> refused = get("/v1/responses/" + id, key);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(refused.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(upstream.requests()).as("nothing sent to OpenAI").hasSize(seen);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.gateway.port() + path))
                .GET().header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String key, int maxTokens) throws Exception {
        return post("/v1/chat/completions", key, "{\"model\":\"" + MODEL + "\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private HttpResponse<String> messages(String key) throws Exception {
        return post("/v1/messages", key, "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.gateway.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private double metric(String series) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.gateway.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String line = text.lines().filter(l -> l.startsWith(series + " ")).findFirst().orElseThrow(
                () -> new AssertionError(series + " not in\n" + text));
        return Double.parseDouble(line.substring(series.length() + 1));
    }
}
