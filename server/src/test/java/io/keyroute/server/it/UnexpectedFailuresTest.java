package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.TokenCounts;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An exception no handler expected answers 500 {@code internal_error} in the endpoint's shape with
 * nothing of its text, is logged scrubbed with the request id, and an inference request is still
 * recorded and its reservation settled. Absurd token counts from an upstream are served, clamped.
 */
class UnexpectedFailuresTest {
    private static final String KEY = TestGateway.KEYROUTE_KEY;
    /** A token whose authentication throws, as a broken store would. */
    private static final String BROKEN = "kr-" + "BrokenBrokenBrokenBrokenBrokenBroken0001";
    /** What the injected exceptions quote: it must reach neither an answer nor a log line. */
    private static final String LEAKED = TestGateway.UPSTREAM_KEY;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    private final List<RequestRecord> settled = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger("io.keyroute.server.http.exchange.UnexpectedErrors");
    private FakeOpenAi upstream;
    private Gateway gateway;

    @BeforeEach
    void start() {
        logs.start();
        log.addAppender(logs);
        upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        Caller caller = Caller.unrestricted("key_test", "user_test");
        String keyHash = TokenHash.of(Secret.of(KEY));
        Authenticator auth = token -> {
            if (token.reveal().equals(BROKEN)) {
                throw new IllegalStateException("database unreachable at jdbc:postgresql://db/kr?password=" + LEAKED);
            }
            return TokenHash.of(token).equals(keyHash) ? Optional.of(caller) : Optional.empty();
        };
        RequestGate reserving = request -> new Admission() {
            @Override
            public void settle(RequestRecord record) {
                settled.add(record);
            }

            @Override
            public void release() {
                throw new AssertionError("an admitted request is settled, not released");
            }
        };
        KeyrouteConfig fast = TestGateway.config(upstream.baseUrl(), 5_000, 2, Duration.ofSeconds(2));
        // A backoff long enough to be asked for (a 1 ms one rounds to none); the sleeper throws instead of waiting.
        KeyrouteConfig config = new KeyrouteConfig(fast.server(), null, null, fast.providers(), List.of(), fast.routes(),
                new RetrySettings(2, 100L, 200L), null, null);
        gateway = Gateway.builder(config, auth)
                .usage(records::add).gate(reserving)
                .sleeper(backoff -> {
                    throw new IllegalArgumentException("Illegal character in path at index 27: http://x/" + LEAKED);
                })
                .start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        log.detachAppender(logs);
    }

    @Test
    void anExceptionDuringTheAttemptsIsA500InTheOpenAiShapeAndStillRecordedAndSettled() throws Exception {
        upstream.enqueue(Reply.serverError()); // retryable: the backoff before the retry throws

        HttpResponse<String> res = post(KEY, "/v1/chat/completions", "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        String requestId = res.headers().firstValue("x-keyroute-request-id").orElseThrow();
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(error.path("code").asText()).isEqualTo("internal_error");
        assertThat(error.path("type").asText()).isEqualTo("api_error");
        assertThat(error.path("message").asText()).contains(requestId).doesNotContain("Illegal", "sk-");
        RequestRecord record = awaitRecord();
        assertThat(record.requestId()).isEqualTo(requestId);
        assertThat(record.status()).isEqualTo(500);
        assertThat(record.outcome()).isEqualTo("error");
        assertThat(settled).containsExactly(record);
        assertLoggedScrubbed(requestId, "java.lang.IllegalArgumentException: Illegal character in path");
    }

    @Test
    void onTheMessagesEndpointItIsAnAnthropicError() throws Exception {
        upstream.enqueue(Reply.serverError());

        HttpResponse<String> res = post(KEY, "/v1/messages",
                "{\"model\":\"chat\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        JsonNode body = Json.MAPPER.readTree(res.body());
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(body.at("/error/message").asText()).doesNotContain("Illegal", "sk-");
        assertThat(settled).containsExactly(awaitRecord());
    }

    @Test
    void anExceptionBeforeAdmissionIsStillOneRecordAndManagementAnswersInItsShape() throws Exception {
        HttpResponse<String> chat = post(BROKEN, "/v1/chat/completions", "{\"model\":\"chat\",\"messages\":[]}");

        assertThat(chat.statusCode()).isEqualTo(500);
        assertThat(Json.MAPPER.readTree(chat.body()).at("/error/code").asText()).isEqualTo("internal_error");
        assertThat(awaitRecord().status()).isEqualTo(500);
        assertThat(settled).isEmpty(); // nothing was reserved

        HttpResponse<String> providers = http.send(HttpRequest.newBuilder(root("/api/v1/providers"))
                .header("Authorization", "Bearer " + BROKEN).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode error = Json.MAPPER.readTree(providers.body()).path("error");
        String requestId = providers.headers().firstValue("x-keyroute-request-id").orElseThrow();
        assertThat(providers.statusCode()).isEqualTo(500);
        assertThat(error.path("code").asText()).isEqualTo("internal_error");
        assertThat(error.path("message").asText()).contains(requestId).doesNotContain("database", "password");
        assertLoggedScrubbed(requestId, "java.lang.IllegalStateException: database unreachable");
    }

    @Test
    void helidonsOwnVerdictsKeepTheirStatus() throws Exception {
        for (String path : List.of("/v1/nowhere", "/api/v1/nowhere")) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(root(path)).header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(logs.list).isEmpty();
    }

    @Test
    void absurdTokenCountsFromTheUpstreamAreServedAndRecordedClamped() throws Exception {
        upstream.enqueue(Reply.raw(200, "application/json", """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1e30,"completion_tokens":99999999999999999999999,"total_tokens":-1}}"""));

        HttpResponse<String> res = post(KEY, "/v1/chat/completions", "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RequestRecord record = awaitRecord();
        assertThat(record.usage().promptTokens()).isEqualTo(TokenCounts.MAX);
        assertThat(record.usage().completionTokens()).isEqualTo(TokenCounts.MAX);
        // gpt-4o-mini: 10^9 × $0.15 + 10^9 × $0.60 per million tokens
        assertThat(record.costMicros()).isEqualTo(750_000_000L);
        assertThat(res.headers().firstValue("x-keyroute-cost-usd")).contains("750.000000");
        assertThat(settled).containsExactly(record);
    }

    private void assertLoggedScrubbed(String requestId, String cause) {
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).contains(requestId);
            String trace = ThrowableProxyUtil.asString(event.getThrowableProxy());
            assertThat(trace).contains(cause).contains("\tat ").doesNotContain(LEAKED);
        });
    }

    private RequestRecord awaitRecord() throws InterruptedException {
        for (int i = 0; i < 200 && records.isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(root(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI root(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
