package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.policy.PolicySettings;
import io.keyroute.testkit.replies.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Policy rules end to end, for each inbound API (Chat Completions, Messages, Responses), against
 * the three providers' fakes on loopback: a deny answers 403 {@code policy_denied} in the
 * endpoint's shape before any provider hears of the request, a {@code route:} rule has another
 * provider answer, an allow stops the rules, a rule that cannot be evaluated follows its
 * {@code on_error}, a fallback a rule refuses is never tried, and {@code route/explain} names the rule.
 */
class PoliciesTest {
    private static final String SONNET = "anthropic/claude-sonnet-4-5";
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    private static final String GPT_41 = "openai/gpt-4.1";
    private static final String FLASH = "gemini/gemini-2.5-flash";
    private static final Caller MEMBER = new Caller("key_member", "user_1", "ws_1", null, Set.of(), false,
            KeyLimits.NONE, "member");

    private final ThreeUpstreams up = new ThreeUpstreams();
    private final TestGateway keyroute = TestGateway.with(config(), MEMBER);

    @AfterEach
    void stop() {
        keyroute.close();
        up.close();
    }

    private KeyrouteConfig config() {
        KeyrouteConfig c = TestGateway.threeProviders(up.openai.baseUrl(), up.anthropic.baseUrl(), up.gemini.baseUrl(),
                List.of(new RouteSettings("claude", "fallback", List.of(HAIKU, SONNET), List.of(), Map.of())));
        return new KeyrouteConfig(c.server(), c.database(), c.redis(), c.providers(), c.models(), c.routes(), c.retry(),
                c.plans(), c.security(), c.metrics(), c.circuitBreaker(), c.responses(), c.aliases(), c.alerts(), List.of(
                new PolicySettings("members-no-premium", "caller.role == 'member' && target.tier == 'premium'",
                        "deny", null),
                new PolicySettings("gpt-41-to-flash", "target.model == '" + GPT_41 + "'", "route:" + FLASH, null),
                new PolicySettings("tools-are-fine", "request.tools > 0", "allow", null),
                new PolicySettings("broken-closed", "request.model == 'openai/gpt-4o' && 1 / request.tools > 0",
                        "deny", null),
                new PolicySettings("broken-open", "request.model == 'openai/gpt-4o-mini' && 1 / request.tools > 0",
                        "deny", "open"),
                new PolicySettings("no-gpt-4o-for-tools", "target.model == 'openai/gpt-4o'", "deny", null)));
    }

    /** A one-turn request in {@code path}'s own shape. */
    private static String turn(String path, String model, boolean stream) {
        String body = path.equals("/responses") ? "\"input\":\"Hello\"" : "\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]";
        return "{\"model\":\"" + model + "\"," + body + (stream ? ",\"stream\":true" : "") + "}";
    }

    private static String answerText(String path, JsonNode answer) {
        return switch (path) {
            case "/chat/completions" -> answer.path("choices").path(0).path("message").path("content").asText();
            case "/messages" -> answer.path("content").path(0).path("text").asText();
            default -> answer.path("output").path(0).path("content").path(0).path("text").asText();
        };
    }

    private int providerRequests() {
        return up.openai.requests().size() + up.anthropic.requests().size() + up.gemini.requests().size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/chat/completions", "/messages", "/responses"})
    void aDenyIs403PolicyDeniedInTheEndpointsShapeAndNoProviderHearsOfIt(String path) throws Exception {
        for (boolean stream : List.of(false, true)) {
            HttpResponse<String> res = keyroute.post(path, turn(path, SONNET, stream));

            assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
            assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
            JsonNode error = Json.MAPPER.readTree(res.body());
            if (path.equals("/messages")) {
                assertThat(error.path("type").asText()).isEqualTo("error");
                assertThat(error.path("error").path("type").asText()).isEqualTo("permission_error");
            } else {
                assertThat(error.path("error").path("code").asText()).isEqualTo("policy_denied");
                assertThat(error.path("error").path("type").asText()).isEqualTo("permission_error");
            }
            assertThat(error.path("error").path("message").asText())
                    .isEqualTo("The request was denied by policy rule 'members-no-premium'.");
        }
        assertThat(providerRequests()).isZero();
        assertThat(keyroute.awaitRecords(2)).extracting(r -> r.status()).containsOnly(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/chat/completions", "/messages", "/responses"})
    void aRouteRuleHasTheModelItNamesAnswer(String path) throws Exception {
        up.gemini.enqueue(Reply.text("From Flash."));

        HttpResponse<String> res = keyroute.post(path, turn(path, GPT_41, false));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(answerText(path, Json.MAPPER.readTree(res.body()))).isEqualTo("From Flash.");
        assertThat(res.headers().firstValue("x-keyroute-model")).hasValue(FLASH);
        assertThat(res.headers().firstValue("x-keyroute-route-reason").orElseThrow())
                .contains("Policy rule 'gpt-41-to-flash' routed the request to " + FLASH + ".");
        assertThat(up.gemini.requests()).hasSize(1);
        assertThat(up.openai.requests()).isEmpty();
    }

    @Test
    void aRouteRuleCannotTakeACallerWhereTheirKeyMayNotGo() throws Exception {
        Caller onlyGpt41 = new Caller("key_limited", "user_2", "ws_1", null, Set.of(GPT_41), false, KeyLimits.NONE,
                "member");
        try (TestGateway limited = TestGateway.with(config(), onlyGpt41)) {
            HttpResponse<String> res = limited.post("/chat/completions", turn("/chat/completions", GPT_41, false));

            assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
            assertThat(Json.MAPPER.readTree(res.body()).path("error").path("code").asText())
                    .isEqualTo("model_not_allowed");
        }
        assertThat(providerRequests()).isZero();
    }

    @Test
    void aRouteRuleAppliesToStreamsToo() throws Exception {
        up.gemini.enqueue(Reply.chunks("From", " Flash."));

        HttpResponse<String> res = keyroute.post("/chat/completions", turn("/chat/completions", GPT_41, true));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("From", " Flash.", "[DONE]");
        assertThat(res.headers().firstValue("x-keyroute-model")).hasValue(FLASH);
        assertThat(up.openai.requests()).isEmpty();
    }

    @Test
    void anAllowStopsTheRulesAfterIt() throws Exception {
        up.openai.enqueue(Reply.text("With tools."));
        String withTools = "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}]}";

        HttpResponse<String> res = keyroute.post("/chat/completions", withTools);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(up.openai.requests()).hasSize(1);
    }

    @Test
    void aRuleThatCannotBeEvaluatedRefusesWhenItFailsClosed() throws Exception {
        HttpResponse<String> res = keyroute.post("/chat/completions", turn("/chat/completions", "openai/gpt-4o", false));

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(res.body()).path("error").path("message").asText())
                .isEqualTo("The request was denied by policy rule 'broken-closed', which could not be evaluated for it.");
        assertThat(providerRequests()).isZero();
    }

    @Test
    void aRuleThatCannotBeEvaluatedLetsTheNextDecideWhenItFailsOpen() throws Exception {
        up.openai.enqueue(Reply.text("Passed."));

        HttpResponse<String> res = keyroute.post("/chat/completions",
                turn("/chat/completions", "openai/gpt-4o-mini", false));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(up.openai.requests()).hasSize(1);
        String metrics = keyroute.call("GET", "/metrics", null).body();
        assertThat(metrics).contains("keyroute_policy_errors_total{rule=\"broken-open\"} 1.0");
    }

    @Test
    void aFallbackARuleRefusesIsNeverTried() throws Exception {
        up.anthropic.enqueue(Reply.error(500, "overloaded"), Reply.error(500, "overloaded"));

        HttpResponse<String> res = keyroute.post("/chat/completions", turn("/chat/completions", "claude", false));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(502);
        assertThat(up.anthropic.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.json().path("model").asText()).isEqualTo("claude-haiku-4-5"));
    }

    @Test
    void metricsCountEachRulesMatchesByEffect() throws Exception {
        keyroute.post("/chat/completions", turn("/chat/completions", SONNET, false));
        keyroute.post("/messages", turn("/messages", SONNET, false));

        String metrics = keyroute.call("GET", "/metrics", null).body();
        assertThat(metrics).contains("keyroute_policy_matches_total{effect=\"deny\",rule=\"members-no-premium\"} 2.0");
    }

    @Test
    void explainNamesTheRuleThatDecidesAndTheTargetItLeaves() throws Exception {
        JsonNode denied = Json.MAPPER.readTree(keyroute.call("POST", "/api/v1/route/explain", turn("/chat/completions",
                SONNET, false)).body());
        JsonNode routed = Json.MAPPER.readTree(keyroute.call("POST", "/api/v1/route/explain", turn("/chat/completions",
                GPT_41, false)).body());
        JsonNode none = Json.MAPPER.readTree(keyroute.call("POST", "/api/v1/route/explain", turn("/chat/completions",
                "openai/gpt-4o-mini", false)).body());
        JsonNode fallback = Json.MAPPER.readTree(keyroute.call("POST", "/api/v1/route/explain", turn("/chat/completions",
                "claude", false)).body());

        assertThat(denied.path("policy").path("rule").asText()).isEqualTo("members-no-premium");
        assertThat(denied.path("policy").path("effect").asText()).isEqualTo("deny");
        assertThat(denied.path("policy").path("refused").asBoolean()).isTrue();
        assertThat(routed.path("policy").path("effect").asText()).isEqualTo("route:" + FLASH);
        assertThat(routed.path("policy").path("refused").asBoolean()).isFalse();
        assertThat(routed.path("chosen").asText()).isEqualTo(FLASH);
        assertThat(none.path("policy").isNull()).isTrue();
        assertThat(fallback.path("candidates").findValuesAsText("model")).containsExactly(HAIKU);
        assertThat(fallback.path("skipped").path(0).path("reason").asText())
                .isEqualTo("refused by policy rule 'members-no-premium'");
        assertThat(providerRequests()).isZero();
        String metrics = keyroute.call("GET", "/metrics", null).body();
        assertThat(metrics).doesNotContain("keyroute_policy_matches_total{");
    }
}
