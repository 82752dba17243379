package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two real Keyroute processes sharing PostgreSQL (and Redis), 100 concurrent requests spread over
 * both against one small workspace budget: the budget is overshot by at most one request's
 * maximum cost (in fact not at all), and the rest are refused with 429 budget_exceeded.
 */
class BudgetReplicasTest {
    private static final String ADMIN_TOKEN = "kr-admin-" + "ReplicasReplicasReplicasReplicasReplica1";
    private static final String UPSTREAM_KEY = "sk-" + "proj-replicasUpstreamKey0123456789abcWXYZ";
    private static final long LIMIT_MICROS = 5_000;
    private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    /** Counters in Redis when it is configured, else in PostgreSQL: both are shared by the replicas. */
    @ParameterizedTest(name = "counters in {0}")
    @ValueSource(strings = {"redis", "postgresql"})
    void twoReplicasUnderOneHundredConcurrentRequestsStayWithinTheBudget(String counters) throws Exception {
        Optional<String> postgres = TestServices.postgresUrl();
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(postgres.isPresent() && redis.isPresent(), "needs PostgreSQL and Redis");
        String database = TestServices.databases().getLast().url(); // a fresh PostgreSQL schema
        Map<String, String> env = KeyrouteProcess.env(ADMIN_TOKEN);
        try (var upstream = FakeOpenAi.builder().apiKey(UPSTREAM_KEY).recordRequests(false).start()) {
            for (int i = 0; i < 100; i++) { // every answer is billed 8 + 100 tokens: 1.2 + 60 → 61 µ$
                upstream.enqueue(Reply.text("ok").usage(8, 100, 0, 0).headersDelay(Duration.ofMillis(30)));
            }
            String config = """
                    database: { url: "%s" }
                    %s
                    security: { allow_private_base_urls: true }
                    providers:
                      - { id: openai, type: openai, base_url: "%s", api_key: "%s" }
                    """.formatted(database, counters.equals("redis") ? "redis: { url: \"" + redis.get() + "\" }" : "",
                    upstream.baseUrl(), UPSTREAM_KEY);
            try (var a = KeyrouteProcess.start(dir.resolve("a"), config, env);
                 var b = KeyrouteProcess.start(dir.resolve("b"), config, env)) {
                String key = a.issueKey(ADMIN_TOKEN, "pro", "");
                String workspace = workspaceOf(database);
                assertThat(send(a, "PUT", "/api/v1/workspaces/" + workspace + "/budget", ADMIN_TOKEN,
                        "{\"period\":\"monthly\",\"limit_usd\":0.005}").statusCode()).isEqualTo(200);

                List<HttpResponse<String>> answers = hundredConcurrentRequests(List.of(a, b), key);

                long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
                List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
                assertThat(ok + refused.size()).isEqualTo(100);
                assertThat(refused).isNotEmpty().allSatisfy(r -> assertThat(
                        Json.MAPPER.readTree(r.body()).at("/error/code").asText()).isEqualTo("budget_exceeded"));
                long maxCost = maxCostOfOneRequest();
                JsonNode budget = settledBudget(b, workspace, ok * 61);
                assertThat(a.sigterm()).isEqualTo(143); // each flushes its ledger as it stops
                assertThat(b.sigterm()).isEqualTo(143);

                long[] ledger = ledger(database, workspace);
                assertThat(ledger[0]).isEqualTo(ok);
                assertThat(ledger[1]).isEqualTo(ok * 61).isLessThanOrEqualTo(LIMIT_MICROS + maxCost);
                assertThat(budget.get("spent_usd").decimalValue().movePointRight(6).longValueExact()).isEqualTo(ok * 61);
            }
        }
    }

    /** What the gate reserves for {@link #CHAT}: ("user" + "hi" + 6 tokens of framing) × 0.15 + 100 × 0.60 µ$, rounded up. */
    private static long maxCostOfOneRequest() {
        long promptBound = 4 + 2 + 6;
        return (promptBound * 15 + 100 * 60 + 99) / 100;
    }

    private static List<HttpResponse<String>> hundredConcurrentRequests(List<KeyrouteProcess> replicas, String key)
            throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                KeyrouteProcess replica = replicas.get(i % replicas.size());
                pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(CHAT)).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (var answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        }
    }

    private static HttpResponse<String> send(KeyrouteProcess replica, String method, String path, String token,
                                             String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String workspaceOf(String database) throws Exception {
        try (var c = DriverManager.getConnection(database); var rs = c.createStatement().executeQuery("SELECT id FROM workspaces")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /**
     * The workspace's budget as replica {@code b} reads it once every request's settle has landed: a
     * request settles just after its answer is sent, so the last answers can arrive before their
     * settles. Polls until {@code spent_usd} reaches {@code expectedMicros} (or 10 s pass) and returns
     * the last reading, which the caller asserts.
     */
    private static JsonNode settledBudget(KeyrouteProcess b, String workspace, long expectedMicros) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode budget = Json.MAPPER.readTree(send(b, "GET", "/api/v1/workspaces/" + workspace + "/budget",
                    ADMIN_TOKEN, null).body());
            long spent = budget.get("spent_usd").decimalValue().movePointRight(6).longValueExact();
            if (spent >= expectedMicros || System.nanoTime() > deadline) {
                return budget;
            }
            Thread.sleep(200); // at most 50 reads: well under server.management_rpm
        }
    }

    /** {requests, cost in µ$} of the workspace in the ledger. */
    private static long[] ledger(String database, String workspace) throws Exception {
        try (var c = DriverManager.getConnection(database);
             var s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(cost_micros), 0) FROM usage_events"
                     + " WHERE workspace_id = ? AND status = 200")) {
            s.setString(1, workspace);
            try (var rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
