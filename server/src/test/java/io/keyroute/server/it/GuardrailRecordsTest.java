package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the guardrails decided reaches the ledger (so {@code GET /api/v1/requests} and the console's Requests
 * view show it) and the audit log, as entity types and counts: the matched value is in neither, nor in
 * any stored row.
 */
class GuardrailRecordsTest {
    private static final String OPENAI_KEY = "sk-proj-" + "GuardrailsGuardrailsGuardrail01";
    private static final String EMAIL = "grace.hopper@navy.example.org";

    @Test
    void verdictsAreInTheRequestsListingAndTheAuditLogWithoutTheValue() throws Exception {
        try (var upstream = FakeOpenAi.start(OPENAI_KEY); var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl())) {
            Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
            g.guardrails(List.of(new GuardrailSettings("pii", "pii", List.of("input"), "redact", List.of("email"),
                    null, null, null, null, null), new GuardrailSettings("pii-log", "pii", List.of("input"), "log",
                    List.of("ip_address"), null, null, null, null, null)));
            Response redacted = g.call("POST", "/v1/chat/completions", t.adaKey(), "{\"model\":\"openai/gpt-4o-mini\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Mail " + EMAIL + " and " + EMAIL + "\"}]}");
            assertThat(redacted.status()).as(redacted.body()).isEqualTo(200);
            String id = redacted.headers().firstValue("x-keyroute-request-id").orElseThrow();
            Response passed = g.call("POST", "/v1/chat/completions", t.adaKey(), "{\"model\":\"openai/gpt-4o-mini\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"nothing to see\"}]}");
            assertThat(g.awaitUsageRows(2)).isEqualTo(2);

            Response requests = g.call("GET", "/api/v1/requests", VaultGateway.ADMIN_TOKEN, null);
            JsonNode first = requests.json().get("data").get(1);
            assertThat(first.get("id").asText()).isEqualTo(id);
            assertThat(first.get("guardrails").asText()).isEqualTo("pii:redact email=2; pii-log:pass");
            assertThat(requests.json().get("data").get(0).get("guardrails").asText()).isEqualTo("pii:pass; pii-log:pass");
            assertThat(requests.body()).doesNotContain(EMAIL);

            Response audit = g.call("GET", "/api/v1/audit?action=guardrail.triggered", VaultGateway.ADMIN_TOKEN, null);
            assertThat(audit.json().get("data")).hasSize(1);
            JsonNode event = audit.json().get("data").get(0);
            assertThat(event.get("target").asText()).isEqualTo(id);
            assertThat(event.get("actor").asText()).isEqualTo(t.ada());
            assertThat(event.get("detail").asText()).isEqualTo("pii:redact email=2; pii-log:pass");
            assertThat(audit.body()).doesNotContain(EMAIL);
            assertThat(passed.status()).isEqualTo(200);
            assertThat(upstream.lastRequest().bodyText()).doesNotContain("grace");
        }
    }
}
