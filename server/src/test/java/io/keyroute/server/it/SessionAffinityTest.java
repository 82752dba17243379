package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.CircuitBreakerSettings;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session affinity over loopback: route {@code chat} tries {@code primary}, then {@code secondary}
 * (two fake OpenAI upstreams). A conversation named by {@code x-claude-code-session-id} or
 * {@code x-keyroute-session} stays on the target that served it while that is healthy, even where
 * the route would now pick another; it is one caller's, never another's; a failure moves it, and
 * the route reason says so. Claude Code's own request (streamed Messages with its session header)
 * stays on the Anthropic provider that served its session.
 */
class SessionAffinityTest {
    private static final String PRIMARY_KEY = "sk-" + "primaryKey0123456789abcdefghijklmnopqrstuv";
    private static final String SECONDARY_KEY = "sk-" + "secondaryKey0123456789abcdefghijklmnopqrstu";
    private static final String ADA = "kr-" + "AdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAda1";
    private static final String BOB = "kr-" + "BobBobBobBobBobBobBobBobBobBobBobBobBobBob1";
    private static final String CLAUDE_CODE = "x-claude-code-session-id";
    private static final String CHAT = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static final String PLAIN = "Route 'chat' (fallback): SIMPLE request; first available candidate in configured order.";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeOpenAi primary;
    private FakeOpenAi secondary;
    private Gateway keyroute;

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

    /** @param failuresToOpen consecutive failures that open a circuit */
    private void start(int failuresToOpen) {
        var auth = new StaticTokenAuthenticator(Map.of(
                TokenHash.of(Secret.of(ADA)), new Caller("key_ada", "usr_ada", "ws_1", "team", Set.of(), false),
                TokenHash.of(Secret.of(BOB)), Caller.unrestricted("key_bob", "usr_bob")));
        keyroute = Gateway.builder(config(failuresToOpen, Map.of()), auth).clock(clock).sleeper(pause -> { }).start();
    }

    /** @param plans ada's plan is {@code team}: undefined, it limits nothing */
    private KeyrouteConfig config(int failuresToOpen, Map<String, PlanSettings> plans) {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("primary", "openai", primary.baseUrl(), PRIMARY_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("secondary", "openai", secondary.baseUrl(), SECONDARY_KEY, 5_000L, 2_000L,
                                Map.of())),
                List.of(), List.of(new RouteSettings("chat", "fallback", List.of("primary/gpt-4o-mini"),
                        List.of("secondary/gpt-4o-mini"), Map.of())),
                new RetrySettings(1, 1L, 5L), plans, null, null,
                new CircuitBreakerSettings(failuresToOpen, null, null, null, 30_000L, 1));
    }

    private HttpResponse<String> chat(String key, String sessionHeader, String session) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyroute.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT));
        if (sessionHeader != null) {
            request.header(sessionHeader, session);
        }
        HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res;
    }

    /** What Claude Code sends: a streamed Messages request with its session header. */
    private HttpResponse<String> claudeCode(String session) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyroute.port() + "/v1/messages"))
                .header("x-api-key", ADA).header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .header(CLAUDE_CODE, session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sonnet\",\"max_tokens\":64,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"fix the bug\"}]}"));
        HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_stop");
        return res;
    }

    private static String provider(HttpResponse<?> res) {
        return res.headers().firstValue("x-keyroute-provider").orElseThrow();
    }

    private static String reason(HttpResponse<?> res) {
        return res.headers().firstValue("x-keyroute-route-reason").orElseThrow();
    }

    private static int count(FakeOpenAi upstream) {
        return (int) upstream.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count();
    }

    @Test
    void aSessionStaysWhereItWasServedAndNoOtherCallerFollowsIt() throws Exception {
        start(5);
        primary.enqueue(Reply.error(500, "boom"));

        HttpResponse<String> first = chat(ADA, CLAUDE_CODE, "s-1");
        assertThat(provider(first)).isEqualTo("secondary");
        assertThat(reason(first)).isEqualTo(PLAIN);

        HttpResponse<String> again = chat(ADA, CLAUDE_CODE, "s-1");
        assertThat(provider(again)).as("primary is healthy again, but the session stays").isEqualTo("secondary");
        assertThat(reason(again)).isEqualTo("Session kept on secondary/gpt-4o-mini. " + PLAIN);
        assertThat(provider(chat(ADA, "x-keyroute-session", "s-1"))).as("Keyroute's own header names the same session")
                .isEqualTo("secondary");

        assertThat(provider(chat(ADA, null, null))).as("no session: routed as ever").isEqualTo("primary");
        HttpResponse<String> bobs = chat(BOB, CLAUDE_CODE, "s-1");
        assertThat(provider(bobs)).as("the same session id from another caller is another session").isEqualTo("primary");
        assertThat(reason(bobs)).isEqualTo(PLAIN);
        assertThat(provider(chat(ADA, CLAUDE_CODE, "s-other"))).isEqualTo("primary");
        assertThat(count(primary)).isEqualTo(4);
        assertThat(count(secondary)).isEqualTo(3);
    }

    @Test
    void claudeCodesStreamedMessagesStayOnTheAnthropicProviderThatServedTheirSession() throws Exception {
        try (var first = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY); var second = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY)) {
            var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                    List.of(new ProviderSettings("first", "anthropic", first.baseUrl(), TestGateway.ANTHROPIC_KEY, 5_000L,
                                    2_000L, Map.of()),
                            new ProviderSettings("second", "anthropic", second.baseUrl(), TestGateway.ANTHROPIC_KEY, 5_000L,
                                    2_000L, Map.of())),
                    List.of(), List.of(new RouteSettings("sonnet", "fallback", List.of("first/claude-sonnet-4-5"),
                            List.of("second/claude-sonnet-4-5"), Map.of())),
                    new RetrySettings(1, 1L, 5L), null, null);
            keyroute = Gateway.builder(config, new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(ADA)),
                    Caller.unrestricted("key_ada", "usr_ada")))).clock(clock).sleeper(pause -> { }).start();
            first.enqueue(Reply.error(529, "Overloaded"));

            HttpResponse<String> opened = claudeCode("0b7e6f9e-claude-code-session");
            assertThat(provider(opened)).isEqualTo("second");

            HttpResponse<String> next = claudeCode("0b7e6f9e-claude-code-session");
            assertThat(provider(next)).as("first is healthy again, the session stays").isEqualTo("second");
            assertThat(reason(next)).startsWith("Session kept on second/claude-sonnet-4-5. Route 'sonnet' (fallback)");
            assertThat(provider(claudeCode("another-session"))).isEqualTo("first");
            assertThat(first.requests()).hasSize(2);
            assertThat(second.requests()).hasSize(2);
        }
    }

    @Test
    void codexTurnsStayOnTheTargetThatServedTheirSessionId() throws Exception {
        start(5);
        primary.enqueue(Reply.error(500, "boom"));
        String turn = "{\"model\":\"chat\",\"input\":\"fix the bug\",\"store\":false}";

        assertThat(provider(codex(turn, "0199a213-81c0-7800-8aa1-bbab2a035a53"))).isEqualTo("secondary");
        HttpResponse<String> next = codex(turn, "0199a213-81c0-7800-8aa1-bbab2a035a53");

        assertThat(provider(next)).isEqualTo("secondary");
        assertThat(reason(next)).isEqualTo("Session kept on secondary/gpt-4o-mini. " + PLAIN);
        assertThat(provider(codex(turn, "0199a213-another"))).isEqualTo("primary");
    }

    /** A Codex CLI turn: the Responses API with its conversation id in {@code session_id}. */
    private HttpResponse<String> codex(String body, String conversationId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyroute.port() + "/v1/responses"))
                .header("Authorization", "Bearer " + ADA).header("Content-Type", "application/json")
                .header("session_id", conversationId).POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res;
    }

    @Test
    void aModelThePlanNoLongerAllowsEndsTheSessionWithoutAWord() throws Exception {
        start(5);
        assertThat(provider(chat(ADA, CLAUDE_CODE, "s-4"))).isEqualTo("primary");
        keyroute.apply(config(5, Map.of("team", new PlanSettings(List.of("secondary/*"), true, null))));

        HttpResponse<String> moved = chat(ADA, CLAUDE_CODE, "s-4");

        assertThat(provider(moved)).isEqualTo("secondary");
        assertThat(reason(moved)).contains("skipped primary/gpt-4o-mini (not in plan 'team')").doesNotContain("Session");
        assertThat(reason(chat(ADA, CLAUDE_CODE, "s-4"))).startsWith("Session kept on secondary/gpt-4o-mini. ");
    }

    @Test
    void aFailedAttemptMovesTheSessionSaysWhyAndTheNextTurnStaysOnTheNewTarget() throws Exception {
        start(1);
        assertThat(provider(chat(ADA, CLAUDE_CODE, "s-2"))).isEqualTo("primary");
        primary.enqueue(Reply.error(503, "overloaded"));

        HttpResponse<String> moved = chat(ADA, CLAUDE_CODE, "s-2");

        assertThat(provider(moved)).isEqualTo("secondary");
        assertThat(moved.headers().firstValue("x-keyroute-attempts")).contains("2");
        assertThat(reason(moved)).isEqualTo("Session kept on primary/gpt-4o-mini. " + PLAIN
                + " Session moved off primary/gpt-4o-mini: primary 503.");

        clock.advance(Duration.ofSeconds(31)); // primary's circuit lets a probe through again
        HttpResponse<String> next = chat(ADA, CLAUDE_CODE, "s-2");
        assertThat(provider(next)).isEqualTo("secondary");
        assertThat(reason(next)).isEqualTo("Session kept on secondary/gpt-4o-mini. " + PLAIN);
        assertThat(provider(chat(ADA, null, null))).as("without the session, primary serves").isEqualTo("primary");
    }

    @Test
    void aSessionKeptOnATargetWhoseCircuitOpenedMovesAndSaysWhyThenStays() throws Exception {
        start(1);
        assertThat(provider(chat(ADA, CLAUDE_CODE, "s-3"))).isEqualTo("primary");
        primary.enqueue(Reply.error(503, "overloaded"));
        assertThat(provider(chat(BOB, null, null))).as("bob's failure opens primary's circuit").isEqualTo("secondary");

        HttpResponse<String> moved = chat(ADA, CLAUDE_CODE, "s-3");

        assertThat(provider(moved)).isEqualTo("secondary");
        assertThat(reason(moved)).startsWith("Route 'chat' (fallback)")
                .endsWith(" Session moved off primary/gpt-4o-mini: circuit open, next probe in 30 s.");
        HttpResponse<String> next = chat(ADA, CLAUDE_CODE, "s-3");
        assertThat(provider(next)).isEqualTo("secondary");
        assertThat(reason(next)).startsWith("Session kept on secondary/gpt-4o-mini. Route 'chat' (fallback)");
        assertThat(count(primary)).isEqualTo(2);
    }
}
