package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code guardrails:} section as CONTRACT.md's "Platform config" writes it, its defaults and its checks. */
class GuardrailConfigTest {
    private static KeyrouteConfig load(String yaml) {
        return new ConfigLoader(Map.of()).load(yaml, "keyroute.yaml");
    }

    @Test
    void theContractsExampleReadsAsWritten() {
        KeyrouteConfig config = load("""
                guardrails:                                  # steps every request (and answer) passes, in order
                  - name: pii
                    type: pii
                    on: [input, output]
                    action: redact
                    entities: [email, phone, credit_card, iban, ssn, ip_address]
                    on_error: closed
                    applies_to: { workspaces: ["*"] }
                """);
        GuardrailSettings pii = config.guardrails().getFirst();
        assertThat(pii.name()).isEqualTo("pii");
        assertThat(pii.on()).containsExactly("input", "output");
        assertThat(pii.action()).isEqualTo("redact");
        assertThat(pii.entities()).containsExactly("email", "phone", "credit_card", "iban", "ssn", "ip_address");
        assertThat(pii.onError()).isEqualTo("closed");
        assertThat(pii.appliesTo().workspaces()).containsExactly("*");
        assertThat(pii.timeoutMs()).isEqualTo(1000L);
        assertThat(pii.restore()).isFalse();
    }

    @Test
    void absentFieldsTakeTheSafeDefaults() {
        GuardrailSettings secrets = load("""
                guardrails:
                  - { name: secrets, type: secrets }
                """).guardrails().getFirst();
        assertThat(secrets.on()).containsExactly("input", "output");
        assertThat(secrets.action()).isEqualTo("block");
        assertThat(secrets.onError()).isEqualTo("closed");
        assertThat(secrets.appliesTo().workspaces()).isEmpty();
        assertThat(load("port: 8080\n".replace("port: 8080", "")).guardrails()).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> load("""
                guardrails:
                  - { name: pii, type: pi, on: [input, sideways], action: hide, on_error: maybe, timeout_ms: 0 }
                  - { name: pii, type: secrets, entities: ["E-mail"], restore: true, action: block }
                  - { type: deny_list, applies_to: { routes: [""] } }
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "keyroute.yaml: guardrails[0].type: 'pi' is not one of pii, secrets, prompt_injection, deny_list, http, presidio",
                        "keyroute.yaml: guardrails[0].action: 'hide' is not one of redact, block, log",
                        "keyroute.yaml: guardrails[0].on_error: 'maybe' is not one of open, closed",
                        "keyroute.yaml: guardrails[0].on[1]: 'sideways' is not one of input, output",
                        "keyroute.yaml: guardrails[0].timeout_ms: must be in 1..60000",
                        "keyroute.yaml: guardrails[1].name: 'pii' is used by an earlier guardrail",
                        "keyroute.yaml: guardrails[1].entities[0]: must be an entity type name such as email (a-z, 0-9, _)",
                        "keyroute.yaml: guardrails[1].restore: needs action redact on input: only what was redacted can be restored",
                        "keyroute.yaml: guardrails[2].name: is required: 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit",
                        "keyroute.yaml: guardrails[2].applies_to.routes[0]: must not be blank (\"*\" means any)"));
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertThatThrownBy(() -> load("""
                guardrails:
                  - { name: pii, type: pii, action: redact, entites: [email] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("entites");
    }

    @Test
    void optionsAreKeptButNeverPrinted() {
        GuardrailSettings http = load("""
                guardrails:
                  - name: checker
                    type: http
                    options: { url: "https://checker.example/v1/check", token: s3cr3t-t0ken-value }
                """).guardrails().getFirst();
        assertThat(http.options()).containsEntry("token", "s3cr3t-t0ken-value");
        assertThat(http.toString()).doesNotContain("s3cr3t").contains("token");
        assertThat(List.of(http).toString()).doesNotContain("s3cr3t");
    }
}
