package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A workspace credential with its own base_url serves every member: each answer names the
 * credential that served it ({@code x-keyroute-credential}, also on the endpoint's own errors), and
 * the audit shows each key's first use of it, with the endpoint, once however many requests follow.
 */
class CredentialDisclosureTest {
    private static final String TEAM_KEY = "sk-proj-" + "TeamEndpointTeamEndpointTeam0004";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void answersNameTheWorkspaceCredentialAndTheAuditShowsItsUseOncePerKey(TestDatabase db) throws Exception {
        try (var official = FakeOpenAi.start(TEAM_KEY);
             var teamEndpoint = FakeOpenAi.start(TEAM_KEY);
             var g = new VaultGateway(db, official.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            Response created = g.call("POST", "/api/v1/workspaces/" + t.ws() + "/llm-credentials", t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + TEAM_KEY + "\",\"base_url\":\"" + teamEndpoint.baseUrl() + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String credential = created.text("id");

            List<Response> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(g.chat(t.bobKey(), null));
            }

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.headers().firstValue("x-keyroute-credential")).hasValue(credential);
            });
            assertThat(teamEndpoint.requestCount()).isEqualTo(3);
            // The endpoint's own refusal, passed back to the caller, names it too.
            teamEndpoint.enqueue(Reply.error(400, "Unrecognized request argument supplied: foo"));
            Response refused = g.chat(t.bobKey(), null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.headers().firstValue("x-keyroute-credential")).hasValue(credential);
            assertThat(official.requestCount()).isZero();
            String bobKeyId = g.call("GET", "/api/v1/users/me/keys", t.bobKey(), null)
                    .json().at("/data/0/id").asText();
            List<JsonNode> uses = new ArrayList<>();
            g.call("GET", "/api/v1/audit", VaultGateway.ADMIN_TOKEN, null).json().get("data").forEach(event -> {
                if (event.get("action").asText().equals("credential.used")) {
                    uses.add(event);
                }
            });
            assertThat(uses).hasSize(1);
            JsonNode use = uses.getFirst();
            assertThat(use.get("actor").asText()).isEqualTo(bobKeyId);
            assertThat(use.get("target").asText()).isEqualTo(credential);
            assertThat(use.get("detail").asText()).isEqualTo("openai at " + teamEndpoint.baseUrl());
        }
    }

    @Test
    void answersServedWithTheSystemKeyNameIt() throws Exception {
        try (var upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
             var keyroute = TestGateway.inFrontOf(upstream.baseUrl())) {
            HttpResponse<String> answer = keyroute.post("/chat/completions",
                    "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("x-keyroute-credential")).hasValue("system:openai");
        }
    }
}
