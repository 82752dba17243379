package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.config.A2aAgentSettings;
import io.keyroute.server.config.A2aSettings;
import io.keyroute.server.config.AccessRule;
import io.keyroute.server.config.AccessRule.AccessScope;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.a2a.FakeA2aAgent;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /a2a/{agent}} over real HTTP in front of testkit's spec-built A2A agent: the card rewritten to point at
 * Keyroute, message/send, message/stream relayed event by event, tasks get and cancel, Keyroute's refusals as
 * JSON-RPC errors (401, the access list's 404, 413), an agent down or answering garbage, the audit and the
 * metrics; and that the caller's Keyroute key never reaches the agent, which gets its own token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class A2aGatewayTest {
    private static final String AGENT_TOKEN = "agent-" + "TokenTokenTokenToken01";
    private FakeOpenAi upstream;
    private FakeA2aAgent agent;
    private VaultGateway g;
    private Team team;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws Exception {
        upstream = FakeOpenAi.start("sk-proj-" + "A2aA2aA2aA2aA2aA2aA2aA2aA2a0001");
        agent = FakeA2aAgent.start(AGENT_TOKEN);
        g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl());
        team = Team.create(g);
    }

    @BeforeEach
    void configure() {
        g.a2a(settings(List.of(), null));
    }

    @AfterAll
    void stop() {
        g.close();
        agent.close();
        upstream.close();
    }

    private A2aSettings settings(List<AccessRule> access, Long maxResponseBytes) {
        return new A2aSettings(List.of(echo(false), new A2aAgentSettings("public-echo", agent.rpcUrl(), null,
                Map.of("Authorization", "Bearer " + AGENT_TOKEN), null, true),
                new A2aAgentSettings("down", "http://127.0.0.1:" + closedPort() + "/a2a")), access, maxResponseBytes, null);
    }

    private A2aAgentSettings echo(boolean publicCard) {
        return new A2aAgentSettings("echo", agent.rpcUrl(), null, Map.of("Authorization", "Bearer " + AGENT_TOKEN),
                5_000L, publicCard);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rpc(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + (id instanceof String s ? "\"" + s + "\"" : id) + ",\"method\":\""
                + method + "\",\"params\":" + params + "}";
    }

    private static String message(String text) {
        return "{\"message\":{\"kind\":\"message\",\"role\":\"user\",\"messageId\":\"m-1\",\"parts\":[{\"kind\":\"text\","
                + "\"text\":\"" + text + "\"}]}}";
    }

    private Response post(String agentId, String token, String body) {
        return g.call("POST", "/a2a/" + agentId, token, body);
    }

    /** A call whose answer is not JSON (a stream, the metrics). */
    private HttpResponse<String> raw(String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create(base() + path));
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + g.port();
    }

    @Test
    void theCardIsTheAgentsPointingAtKeyrouteWithKeyroutesBearerScheme() {
        for (String path : List.of("agent-card.json", "agent.json")) {
            Response card = g.call("GET", "/a2a/echo/.well-known/" + path, team.bobKey(), null);
            assertThat(card.status()).as(card.body()).isEqualTo(200);
            JsonNode json = card.json();
            assertThat(json.path("name").asText()).isEqualTo("Echo Agent");
            assertThat(json.path("skills").get(0).path("id").asText()).isEqualTo("echo");
            assertThat(json.path("url").asText()).isEqualTo(base() + "/a2a/echo");
            assertThat(json.path("preferredTransport").asText()).isEqualTo("JSONRPC");
            assertThat(json.path("additionalInterfaces")).hasSize(1);
            assertThat(json.path("additionalInterfaces").get(0).path("url").asText()).isEqualTo(base() + "/a2a/echo");
            assertThat(json.path("securitySchemes").properties()).hasSize(1);
            assertThat(json.path("securitySchemes").path("keyroute").path("scheme").asText()).isEqualTo("bearer");
            assertThat(json.path("security").toString()).isEqualTo("[{\"keyroute\":[]}]");
            assertThat(json.has("signatures")).isFalse();
            assertThat(json.path("capabilities").path("pushNotifications").asBoolean()).isFalse();
            assertThat(json.path("capabilities").path("streaming").asBoolean()).isTrue();
            assertThat(card.headers().firstValue("cache-control")).hasValue("private, max-age=60");
            assertThat(card.body()).doesNotContain(agent.baseUrl()).doesNotContain(AGENT_TOKEN);
        }
        Response unauthenticated = g.call("GET", "/a2a/echo/.well-known/agent-card.json", null, null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"keyroute\"");

        Response publicCard = g.call("GET", "/a2a/public-echo/.well-known/agent-card.json", null, null);
        assertThat(publicCard.status()).as(publicCard.body()).isEqualTo(200);
        assertThat(publicCard.json().path("url").asText()).isEqualTo(base() + "/a2a/public-echo");
        assertThat(publicCard.headers().firstValue("cache-control")).hasValue("public, max-age=60");
    }

    @Test
    void messageSendIsRelayedWithTheAgentsTokenAndNeverTheCallersKey() {
        int before = agent.requests().size();
        String body = rpc("req-1", "message/send", message("hello agent"));
        Response sent = g.call("POST", "/a2a/echo", team.adaKey(), body,
                Map.of("A2A-Version", "0.3", "X-Internal-Note", "for keyroute only", "Cookie", "session=abc"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("id").asText()).isEqualTo("req-1");
        JsonNode task = sent.json().path("result");
        assertThat(task.path("kind").asText()).isEqualTo("task");
        assertThat(task.path("status").path("state").asText()).isEqualTo("completed");
        assertThat(task.path("artifacts").get(0).path("parts").get(0).path("text").asText()).isEqualTo("echo: hello agent");

        RecordedRequest received = agent.requests().get(before);
        assertThat(received.bodyText()).isEqualTo(body);
        assertThat(received.header("authorization")).isEqualTo("Bearer " + AGENT_TOKEN);
        assertThat(received.header("content-type")).isEqualTo("application/json");
        assertThat(received.header("a2a-version")).isEqualTo("0.3");
        assertThat(received.header("x-internal-note")).isNull();
        assertThat(received.header("cookie")).isNull();
        assertThat(received.toString()).doesNotContain(team.adaKey()).doesNotContain("kr-");
    }

    @Test
    void theExtendedCardIsRewrittenLikeThePublicOne() {
        Response extended = post("echo", team.adaKey(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"agent/getAuthenticatedExtendedCard\"}");
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        JsonNode card = extended.json().path("result");
        assertThat(card.path("skills")).extracting(s -> s.path("id").asText()).containsExactly("echo", "echo-loud");
        assertThat(card.path("url").asText()).isEqualTo(base() + "/a2a/echo");
        assertThat(card.path("securitySchemes").properties()).hasSize(1);
        assertThat(extended.body()).doesNotContain(agent.baseUrl());
    }

    @Test
    void aStreamArrivesEventByEventAsTheAgentSendsIt() throws Exception {
        agent.holdStreamsBeforeFinal();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/a2a/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(rpc(7, "message/stream", message("stream me"))))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + team.adaKey()).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The agent holds its final event: the three before it must already be here, not buffered.
            List<JsonNode> first = List.of(nextEvent(reader), nextEvent(reader), nextEvent(reader));
            assertThat(first).extracting(e -> e.path("result").path("kind").asText())
                    .containsExactly("task", "status-update", "artifact-update");
            assertThat(first.get(1).path("result").path("status").path("state").asText()).isEqualTo("working");
            assertThat(first.get(2).path("result").path("artifact").path("parts").get(0).path("text").asText())
                    .isEqualTo("echo: stream me");
            assertThat(first).allSatisfy(e -> assertThat(e.path("id").asInt()).isEqualTo(7));
            agent.releaseStreams();
            JsonNode last = nextEvent(reader);
            assertThat(last.path("result").path("kind").asText()).isEqualTo("status-update");
            assertThat(last.path("result").path("final").asBoolean()).isTrue();
            assertThat(last.path("result").path("status").path("state").asText()).isEqualTo("completed");
            assertThat(reader.lines().filter(l -> !l.isEmpty()).toList()).isEmpty();
        }
    }

    private static JsonNode nextEvent(BufferedReader reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return Json.MAPPER.readTree(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the stream ended before the next event");
    }

    @Test
    void tasksAreReadCancelledAndResubscribedThroughKeyroute() {
        Response sent = post("echo", team.adaKey(), rpc(1, "message/send", message("wait")));
        String taskId = sent.json().path("result").path("id").asText();
        assertThat(sent.json().path("result").path("status").path("state").asText()).isEqualTo("working");

        Response got = post("echo", team.adaKey(), rpc(2, "tasks/get", "{\"id\":\"" + taskId + "\"}"));
        assertThat(got.json().path("result").path("status").path("state").asText()).isEqualTo("working");
        Response cancelled = post("echo", team.adaKey(), rpc(3, "tasks/cancel", "{\"id\":\"" + taskId + "\"}"));
        assertThat(cancelled.json().path("result").path("status").path("state").asText()).isEqualTo("canceled");

        Response again = post("echo", team.adaKey(), rpc(4, "tasks/cancel", "{\"id\":\"" + taskId + "\"}"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("error").path("code").asInt()).isEqualTo(-32002);
        HttpResponse<String> resubscribed = raw("/a2a/echo", team.adaKey(),
                rpc(6, "tasks/resubscribe", "{\"id\":\"" + taskId + "\"}"));
        assertThat(resubscribed.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(resubscribed.body()).contains("\"kind\":\"status-update\"").contains("\"state\":\"canceled\"")
                .contains("\"final\":true");
        Response unknown = post("echo", team.adaKey(), rpc(5, "tasks/get", "{\"id\":\"no-such-task\"}"));
        assertThat(unknown.json().path("error").path("code").asInt()).isEqualTo(-32001);
        assertThat(unknown.json().path("id").asInt()).isEqualTo(5);
    }

    @Test
    void aMissingOrWrongKeyIs401InJsonRpcShapeAndNothingReachesTheAgent() {
        int before = agent.requests().size();
        for (String token : new String[] {null, "kr-" + "NotAKeyNotAKeyNotAKeyNotAKey0000000000"}) {
            Response refused = post("echo", token, rpc(9, "message/send", message("hi")));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"keyroute\"");
            assertThat(refused.json().path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(-32000);
            assertThat(refused.json().path("error").path("data").path("keyroute_code").asText()).isEqualTo("invalid_api_key");
        }
        assertThat(agent.requests()).hasSize(before);
    }

    @Test
    void anAgentTheKeyMayNotUseIsAnsweredAsOneThatDoesNotExistAndAudited() {
        g.a2a(settings(List.of(new AccessRule("members-public-only", new AccessScope(null, List.of("member"), null),
                List.of("public-*"), null)), null));
        int before = agent.requests().size();

        Response denied = post("echo", team.bobKey(), rpc(1, "message/send", message("hi")));
        Response unknown = post("no-such-agent", team.bobKey(), rpc(1, "message/send", message("hi")));
        assertThat(denied.status()).isEqualTo(404);
        assertThat(denied.body()).isEqualTo(unknown.body());
        assertThat(denied.json().path("error").path("data").path("keyroute_code").asText()).isEqualTo("agent_not_found");
        assertThat(g.call("GET", "/a2a/echo/.well-known/agent-card.json", team.bobKey(), null).status()).isEqualTo(404);
        assertThat(agent.requests()).hasSize(before);

        assertThat(post("public-echo", team.bobKey(), rpc(2, "message/send", message("hi"))).status()).isEqualTo(200);
        assertThat(post("echo", team.adaKey(), rpc(3, "message/send", message("hi"))).status()).isEqualTo(200);
        JsonNode audit = g.call("GET", "/api/v1/audit?action=a2a.denied&target=echo&limit=1", Team.ADMIN, null).json();
        assertThat(audit.path("data").get(0).path("actor").asText()).isEqualTo(team.bobKeyId());
    }

    @Test
    void anAgentDownOrAnsweringGarbageFailsThatCallWithAJsonRpcError() {
        Response down = post("down", team.adaKey(), rpc(1, "message/send", message("hi")));
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.json().path("id").asInt()).isEqualTo(1);
        assertThat(down.json().path("error").path("code").asInt()).isEqualTo(-32603);
        assertThat(down.json().path("error").path("data").path("keyroute_code").asText()).isEqualTo("agent_unavailable");

        agent.answerNextWith("text/html", "<html>maintenance</html>");
        Response html = post("echo", team.adaKey(), rpc(2, "message/send", message("hi")));
        assertThat(html.status()).isEqualTo(502);
        assertThat(html.json().path("error").path("code").asInt()).isEqualTo(-32006);

        agent.failNext(500);
        Response failed = post("echo", team.adaKey(), rpc(3, "message/send", message("hi")));
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().path("error").path("data").path("keyroute_code").asText()).isEqualTo("agent_error");

        agent.answerNextWith("text/event-stream", "data: not json\n\n");
        HttpResponse<String> stream = raw("/a2a/echo", team.adaKey(), rpc(4, "message/stream", message("hi")));
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> events = stream.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst()).contains("\"code\":-32006").contains("\"id\":4");

        assertThat(post("echo", team.adaKey(), rpc(5, "message/send", message("still here"))).status()).isEqualTo(200);
    }

    @Test
    void anAgentSilentPastItsTimeoutFailsTheCallWithAJsonRpcError() {
        g.a2a(new A2aSettings(List.of(new A2aAgentSettings("slow", agent.rpcUrl(), null,
                Map.of("Authorization", "Bearer " + AGENT_TOKEN), 300L, false))));
        agent.holdStreamsBeforeFinal();
        try {
            HttpResponse<String> stream = raw("/a2a/slow", team.adaKey(), rpc(8, "message/stream", message("hi")));
            List<String> events = stream.body().lines().filter(l -> l.startsWith("data: ")).toList();
            assertThat(events).hasSize(4);
            assertThat(events.getLast()).contains("\"code\":-32603").contains("\"keyroute_code\":\"agent_timeout\"")
                    .contains("\"id\":8");

            Response held = post("slow", team.adaKey(), rpc(9, "message/send", message("hold")));
            assertThat(held.status()).isEqualTo(504);
            assertThat(held.json().path("id").asInt()).isEqualTo(9);
            assertThat(held.json().path("error").path("data").path("keyroute_code").asText()).isEqualTo("agent_timeout");
        } finally {
            agent.releaseStreams();
        }
    }

    @Test
    void aCallTakesFromTheKeysRequestsPerMinute() {
        Team limited = Team.create(g);
        assertThat(g.call("PATCH", "/api/v1/keys/" + limited.bobKeyId(), Team.ADMIN, "{\"rpm\":2}").status()).isEqualTo(200);
        int before = agent.requests().size();

        assertThat(post("echo", limited.bobKey(), rpc(1, "message/send", message("one"))).status()).isEqualTo(200);
        assertThat(post("echo", limited.bobKey(), rpc(2, "tasks/get", "{\"id\":\"task-1\"}")).status()).isEqualTo(200);
        Response third = post("echo", limited.bobKey(), rpc(3, "message/send", message("three")));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers().firstValue("retry-after")).isPresent();
        assertThat(third.json().path("id").asInt()).isEqualTo(3);
        assertThat(third.json().path("error").path("data").path("keyroute_code").asText()).isEqualTo("rate_limited");
        assertThat(agent.requests()).hasSize(before + 2);
        assertThat(post("echo", limited.adaKey(), rpc(4, "message/send", message("other key"))).status()).isEqualTo(200);
    }

    @Test
    void bodiesAreBoundedBothWays() {
        int before = agent.requests().size();
        String big = rpc(1, "message/send", message("x".repeat(70 * 1024))); // the test gateway's limit is 64 KB
        Response tooLarge = post("echo", team.adaKey(), big);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(agent.requests()).hasSize(before);

        g.a2a(settings(List.of(), 2048L));
        Response answerTooLarge = post("echo", team.adaKey(), rpc(2, "message/send", message("y".repeat(4096))));
        assertThat(answerTooLarge.status()).isEqualTo(502);
        assertThat(answerTooLarge.json().path("error").path("code").asInt()).isEqualTo(-32006);
    }

    @Test
    void badJsonRpcAndPushNotificationConfigAreRefusedByKeyroute() {
        int before = agent.requests().size();
        Response notJson = post("echo", team.adaKey(), "{nope");
        assertThat(notJson.status()).isEqualTo(200);
        assertThat(notJson.json().path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(notJson.json().path("id").isNull()).isTrue();
        Response batch = post("echo", team.adaKey(), "[" + rpc(1, "tasks/get", "{\"id\":\"t\"}") + "]");
        assertThat(batch.json().path("error").path("code").asInt()).isEqualTo(-32600);
        Response push = post("echo", team.adaKey(), rpc(6, "tasks/pushNotificationConfig/set",
                "{\"taskId\":\"t\",\"pushNotificationConfig\":{\"url\":\"http://10.0.0.1/hook\"}}"));
        assertThat(push.json().path("error").path("code").asInt()).isEqualTo(-32003);
        assertThat(push.json().path("id").asInt()).isEqualTo(6);
        assertThat(agent.requests()).hasSize(before);
    }

    @Test
    void messagesAreAuditedAndMeteredWithoutTheirContent() {
        post("echo", team.adaKey(), rpc(1, "message/send", message("confidential-payload")));

        JsonNode audit = g.call("GET", "/api/v1/audit?action=a2a.message_sent&target=echo&limit=1", Team.ADMIN, null).json();
        JsonNode event = audit.path("data").get(0);
        assertThat(event.path("actor").asText()).isEqualTo(team.adaKeyId());
        assertThat(event.path("workspace_id").asText()).isEqualTo(team.ws());
        assertThat(event.path("detail").asText()).isEqualTo("method message/send; ok; HTTP 200");
        assertThat(g.storedRows()).noneMatch(row -> row.contains("confidential-payload"));

        String metrics = raw("/metrics", null, null).body();
        assertThat(metrics).contains("keyroute_a2a_calls_total{agent=\"echo\",method=\"message/send\",outcome=\"ok\"}");
        assertThat(metrics).contains("keyroute_a2a_call_duration_seconds_count{agent=\"echo\",method=\"message/send\"}");
        assertThat(metrics).doesNotContain("confidential-payload");
    }

    @Test
    void noKeyrouteKeyEverReachedTheAgent() {
        List<String> seen = new ArrayList<>();
        agent.requests().forEach(r -> seen.add(r.toString() + r.bodyText()));
        assertThat(String.join("\n", seen)).doesNotContain(team.adaKey()).doesNotContain(team.bobKey());
    }
}
