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
import io.keyroute.server.config.KeyrouteConfig.CircuitBreakerSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.inference.attempts.PromptPrefix;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prompt-cache-aware routing over loopback: route {@code chat} tries {@code primary}, then
 * {@code secondary} (two fake OpenAI upstreams). Requests that name no session but begin with the
 * same long prompt (a support bot's system prompt) stay on the target that served the first while it
 * is healthy, whoever in the workspace sends them, under one {@code prompt_cache_key}; another
 * workspace's requests with the very same prompt are routed as ever and named apart; a short prompt
 * gets no affinity; a failure moves the prefix and the route reason says so.
 */
class PromptPrefixAffinityTest {
    private static final String PRIMARY_KEY = "sk-" + "primaryKey0123456789abcdefghijklmnopqrstuv";
    private static final String SECONDARY_KEY = "sk-" + "secondaryKey0123456789abcdefghijklmnopqrstu";
    private static final String ADA = "kr-" + "AdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAdaAda1";
    private static final String CAROL = "kr-" + "CarolCarolCarolCarolCarolCarolCarolCarol01";
    private static final String DAVE = "kr-" + "DaveDaveDaveDaveDaveDaveDaveDaveDaveDave01";
    /** The route's own reason, with the prompt's estimated size when it is long. */
    private static final String PLAIN = "Route 'chat' \\(fallback\\): [A-Z]+ request( \\(~\\d+ prompt tokens\\))?;"
            + " first available candidate in configured order\\.";
    /** A support bot's instructions: longer than a prefix, as real ones are. */
    private static final String SYSTEM = ("You are the support assistant of Example Corp. Answer politely, cite the"
            + " help centre, never promise refunds. ").repeat(60);

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

    /** Ada and Carol share workspace ws_1; Dave is in ws_2. @param failuresToOpen consecutive failures that open a circuit */
    private void start(int failuresToOpen) {
        var auth = new StaticTokenAuthenticator(Map.of(
                TokenHash.of(Secret.of(ADA)), new Caller("key_ada", "usr_ada", "ws_1", null, Set.of(), false),
                TokenHash.of(Secret.of(CAROL)), new Caller("key_carol", "usr_carol", "ws_1", null, Set.of(), false),
                TokenHash.of(Secret.of(DAVE)), new Caller("key_dave", "usr_dave", "ws_2", null, Set.of(), false)));
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("primary", "openai", primary.baseUrl(), PRIMARY_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("secondary", "openai", secondary.baseUrl(), SECONDARY_KEY, 5_000L, 2_000L,
                                Map.of())),
                List.of(), List.of(new RouteSettings("chat", "fallback", List.of("primary/gpt-4o-mini"),
                        List.of("secondary/gpt-4o-mini"), Map.of())),
                new RetrySettings(1, 1L, 5L), Map.of(), null, null,
                new CircuitBreakerSettings(failuresToOpen, null, null, null, 30_000L, 1));
        keyroute = Gateway.builder(config, auth).clock(clock).sleeper(pause -> { }).start();
    }

    /** A chat with {@code system} as its system prompt and {@code question} after it, no session header. */
    private HttpResponse<String> chat(String key, String system, String question) throws Exception {
        var body = Json.MAPPER.createObjectNode().put("model", "chat");
        body.putArray("messages").add(Json.MAPPER.createObjectNode().put("role", "system").put("content", system))
                .add(Json.MAPPER.createObjectNode().put("role", "user").put("content", question));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyroute.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res;
    }

    private static String provider(HttpResponse<?> res) {
        return res.headers().firstValue("x-keyroute-provider").orElseThrow();
    }

    private static String reason(HttpResponse<?> res) {
        return res.headers().firstValue("x-keyroute-route-reason").orElseThrow();
    }

    /** The {@code prompt_cache_key} {@code upstream} was sent last; null when none. */
    private static String cacheKey(FakeOpenAi upstream) {
        JsonNode key = upstream.lastRequest().json().get("prompt_cache_key");
        return key == null ? null : key.asText();
    }

    @Test
    void requestsSharingALongPrefixStayWhereTheFirstWasServedWithinTheirWorkspaceOnly() throws Exception {
        assertThat(SYSTEM.length()).isGreaterThan(PromptPrefix.CHARS);
        start(5);
        primary.enqueue(Reply.error(500, "boom"));

        HttpResponse<String> first = chat(ADA, SYSTEM, "Where is my order 1234?");
        assertThat(provider(first)).isEqualTo("secondary");
        assertThat(reason(first)).matches(PLAIN);
        String adas = cacheKey(secondary);
        assertThat(adas).as("the workspace's prefix, hashed").matches("kr-[0-9a-f]{32}");

        HttpResponse<String> carols = chat(CAROL, SYSTEM, "How do I reset my password?");
        assertThat(provider(carols)).as("primary is healthy again, but the prefix is warm on secondary")
                .isEqualTo("secondary");
        assertThat(reason(carols)).matches("Prompt prefix kept on secondary/gpt-4o-mini\\. " + PLAIN);
        assertThat(cacheKey(secondary)).as("one name for the prefix in the workspace").isEqualTo(adas);

        HttpResponse<String> daves = chat(DAVE, SYSTEM, "Where is my order 1234?");
        assertThat(provider(daves)).as("another workspace's same prompt is routed as ever").isEqualTo("primary");
        assertThat(reason(daves)).matches(PLAIN);
        assertThat(cacheKey(primary)).matches("kr-[0-9a-f]{32}").isNotEqualTo(adas);

        HttpResponse<String> brief = chat(ADA, "Be brief.", "Where is my order 1234?");
        assertThat(provider(brief)).as("a short prompt: nothing worth caching, no affinity").isEqualTo("primary");
        assertThat(reason(brief)).matches(PLAIN);
        assertThat(cacheKey(primary)).isNull();

        String otherBot = "You are the billing assistant of Example Corp. " + SYSTEM;
        assertThat(provider(chat(ADA, otherBot, "Where is my invoice?"))).as("another prefix").isEqualTo("primary");
    }

    @Test
    void aFailureMovesThePrefixSaysWhyAndTheNextRequestStaysWhereItMoved() throws Exception {
        start(1);
        assertThat(provider(chat(ADA, SYSTEM, "first"))).isEqualTo("primary");
        primary.enqueue(Reply.error(503, "overloaded"));

        HttpResponse<String> moved = chat(CAROL, SYSTEM, "second");

        assertThat(provider(moved)).isEqualTo("secondary");
        assertThat(reason(moved)).matches("Prompt prefix kept on primary/gpt-4o-mini\\. " + PLAIN
                + " Prompt prefix moved off primary/gpt-4o-mini: primary 503\\.");
        clock.advance(java.time.Duration.ofSeconds(31)); // primary's circuit lets a probe through again
        HttpResponse<String> next = chat(ADA, SYSTEM, "third");
        assertThat(provider(next)).isEqualTo("secondary");
        assertThat(reason(next)).matches("Prompt prefix kept on secondary/gpt-4o-mini\\. " + PLAIN);
    }
}
