package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Affinity with the vault: a session keeps the stored credential that served it (the provider's
 * prompt cache is per key) until that credential is revoked, which ends it without naming it; a
 * Responses {@code previous_response_id} continues on the model that answered the response it
 * names, even where complexity routing ({@code auto}) would pick another for the new turn alone,
 * whether Keyroute keeps that response (a translated answer) or OpenAI does (passed through).
 */
class ConversationAffinityTest {
    private static final String OWN_KEY = "sk-" + "proj-ownKeyOwnKeyOwnKey0123456789abcdefWXYZ";
    private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    private static final String SONNET = "anthropic/claude-sonnet-4-5";

    private static String header(Response res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }

    private static String storeKey(VaultGateway g, String token, String name, boolean isDefault) {
        Response stored = g.call("POST", "/api/v1/users/me/llm-credentials", token, "{\"provider\":\"openai\","
                + "\"api_key\":\"" + OWN_KEY + "\",\"name\":\"" + name + "\",\"is_default\":" + isDefault + "}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        return stored.text("id");
    }

    @Test
    void aSessionKeepsItsCredentialUntilItIsRevokedWhichEndsTheAffinityWithoutNamingIt() throws Exception {
        try (var openai = FakeOpenAi.start(OWN_KEY); var g = new VaultGateway(TestServices.sqlite(), openai.baseUrl())) {
            Team t = Team.create(g);
            String first = storeKey(g, t.adaKey(), "first", true);
            String bobs = storeKey(g, t.bobKey(), "bobs", true);
            Map<String, String> session = Map.of("x-claude-code-session-id", "s-cred");

            Response served = g.call("POST", "/v1/chat/completions", t.adaKey(), CHAT, session);
            assertThat(served.status()).as(served.body()).isEqualTo(200);
            assertThat(header(served, "x-keyroute-credential")).isEqualTo(first);

            String second = storeKey(g, t.adaKey(), "second", true); // now the default: what a new conversation gets
            Response kept = g.call("POST", "/v1/chat/completions", t.adaKey(), CHAT, session);
            assertThat(header(kept, "x-keyroute-credential")).isEqualTo(first);
            assertThat(header(kept, "x-keyroute-route-reason")).startsWith("Session kept on openai/gpt-4o-mini. ");
            assertThat(header(g.call("POST", "/v1/chat/completions", t.adaKey(), CHAT), "x-keyroute-credential"))
                    .isEqualTo(second);
            assertThat(header(g.call("POST", "/v1/chat/completions", t.bobKey(), CHAT, session), "x-keyroute-credential"))
                    .as("bob's session of the same id is his: ada's key is never his").isEqualTo(bobs);

            assertThat(g.call("DELETE", "/api/v1/users/me/llm-credentials/" + first, t.adaKey(), null).status())
                    .isEqualTo(204);
            Response revoked = g.call("POST", "/v1/chat/completions", t.adaKey(), CHAT, session);
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
            assertThat(header(revoked, "x-keyroute-credential")).isEqualTo(second);
            assertThat(header(revoked, "x-keyroute-route-reason")).doesNotContain("Session").doesNotContain(first);
            assertThat(header(g.call("POST", "/v1/chat/completions", t.adaKey(), CHAT, session), "x-keyroute-route-reason"))
                    .startsWith("Session kept on openai/gpt-4o-mini. ");
        }
    }

    @Test
    void aContinuationOfAutoStaysOnTheModelThatAnsweredTheResponseItContinues() throws Exception {
        try (var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = new VaultGateway(TestServices.sqlite(), List.of(new ProviderSettings("anthropic", "anthropic",
                     anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY, 5_000L, 2_000L, Map.of())),
                     List.of(new RouteSettings("auto", "complexity", List.of(HAIKU, SONNET), List.of(), Map.of())))) {
            Team t = Team.create(g);
            anthropic.enqueue(Reply.text("A proof.").usage(900, 20, 0, 0), Reply.text("You're welcome.").usage(950, 5, 0, 0),
                    Reply.text("Hi.").usage(5, 2, 0, 0));
            String hard = "Prove the theorem step by step, derive each equation, analyze and compare. ".repeat(200);

            Response opened = g.call("POST", "/v1/responses", t.adaKey(), ask(hard, null));
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(sentModel(anthropic)).isEqualTo("claude-sonnet-4-5");
            String id = opened.text("id");
            assertThat(StoredResponsesEndpointTest.read(g, id, t.adaKey()).status()).isEqualTo(200);

            Response continued = g.call("POST", "/v1/responses", t.adaKey(), ask("Thanks!", id));

            assertThat(continued.status()).as(continued.body()).isEqualTo(200);
            assertThat(sentModel(anthropic)).as("the kept conversation's model, not the new turn's tier")
                    .isEqualTo("claude-sonnet-4-5");
            assertThat(header(continued, "x-keyroute-route-reason"))
                    .startsWith("Session kept on anthropic/claude-sonnet-4-5. Route 'auto' (complexity): SIMPLE request");
            Response alone = g.call("POST", "/v1/responses", t.adaKey(), ask("Thanks!", null));
            assertThat(alone.status()).as(alone.body()).isEqualTo(200);
            assertThat(sentModel(anthropic)).as("the same turn on its own").isEqualTo("claude-haiku-4-5");
        }
    }

    @Test
    void aPassedThroughContinuationOfAutoStaysOnTheOpenAiModelThatMadeTheResponse() throws Exception {
        try (var openai = FakeOpenAi.start(OWN_KEY);
             var g = new VaultGateway(TestServices.sqlite(), List.of(new ProviderSettings("openai", "openai",
                     openai.baseUrl(), null, 5_000L, 2_000L, Map.of())),
                     List.of(new RouteSettings("auto", "complexity", List.of("openai/gpt-4o-mini", "openai/gpt-4.1"),
                             List.of(), Map.of())))) {
            Team t = Team.create(g);
            storeKey(g, t.adaKey(), "own", true);
            String hard = "Prove the theorem step by step, derive each equation, analyze and compare. ".repeat(200);

            Response opened = g.call("POST", "/v1/responses", t.adaKey(), ask(hard, null));
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(sentModel(openai)).isEqualTo("gpt-4.1");

            Response continued = g.call("POST", "/v1/responses", t.adaKey(), ask("Thanks!", opened.text("id")));

            assertThat(continued.status()).as(continued.body()).isEqualTo(200);
            assertThat(sentModel(openai)).as("OpenAI keeps the conversation with the model that made it").isEqualTo("gpt-4.1");
            assertThat(header(continued, "x-keyroute-route-reason")).startsWith("Session kept on openai/gpt-4.1. ");
            assertThat(g.call("POST", "/v1/responses", t.adaKey(), ask("Thanks!", null)).status()).isEqualTo(200);
            assertThat(sentModel(openai)).as("the same turn on its own").isEqualTo("gpt-4o-mini");
        }
    }

    private static String sentModel(FakeOpenAi openai) throws Exception {
        return Json.MAPPER.readTree(openai.lastRequest().bodyText()).path("model").asText();
    }

    private static String ask(String input, String previousResponseId) {
        var body = Json.MAPPER.createObjectNode().put("model", "auto").put("input", input);
        if (previousResponseId != null) {
            body.put("previous_response_id", previousResponseId);
        }
        return body.toString();
    }

    private static String sentModel(FakeAnthropic anthropic) throws Exception {
        JsonNode sent = Json.MAPPER.readTree(anthropic.lastRequest().bodyText());
        return sent.path("model").asText();
    }
}
