package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code a2a:} section as an operator writes it, its defaults, and every mistake named with its path. */
class A2aConfigTest {
    private static KeyrouteConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).load(yaml, "keyroute.yaml");
    }

    @Test
    void agentsAccessAndBoundsReadAsWrittenWithTheCredentialFromTheEnvironment() {
        KeyrouteConfig config = load("""
                a2a:
                  public_url: https://keyroute.example.com/
                  max_response_bytes: 65536
                  agents:
                    - id: planner
                      url: https://agents.example.com/planner
                      headers: { Authorization: "Bearer ${PLANNER_TOKEN}" }
                      timeout_ms: 30000
                    - { id: faq, url: "http://10.0.0.5:9000/a2a", card_url: "http://10.0.0.5:9000/card.json", public_card: true }
                  access:
                    - name: members
                      applies_to: { roles: [member] }
                      allow: ["faq", "research-*"]
                    - { applies_to: { keys: [key_intern] }, deny: ["*"] }
                """, Map.of("PLANNER_TOKEN", "planner-secret-0123456789"));

        A2aSettings a2a = config.a2a();
        assertThat(a2a.publicUrl()).isEqualTo("https://keyroute.example.com");
        assertThat(a2a.maxResponseBytes()).isEqualTo(65536L);
        assertThat(a2a.agents().getFirst()).isEqualTo(new A2aAgentSettings("planner", "https://agents.example.com/planner",
                null, Map.of("Authorization", "Bearer planner-secret-0123456789"), 30_000L, false));
        assertThat(a2a.agent("faq").orElseThrow().publicCard()).isTrue();
        assertThat(a2a.agent("faq").orElseThrow().timeoutMs()).isEqualTo(A2aAgentSettings.DEFAULT_TIMEOUT_MS);
        assertThat(a2a.access()).containsExactly(
                new AccessRule("members", new AccessRule.AccessScope(null, List.of("member"), null),
                        List.of("faq", "research-*"), null),
                new AccessRule(null, new AccessRule.AccessScope(null, null, List.of("key_intern")), null, List.of("*")));
        assertThat(a2a.toString()).doesNotContain("planner-secret");
    }

    @Test
    void everyMistakeIsNamedWithItsPath() {
        assertThatThrownBy(() -> load("""
                a2a:
                  public_url: "not a url"
                  max_response_bytes: 10
                  agents:
                    - { id: Planner, url: "https://a.example.com" }
                    - { id: faq, url: "ftp://a.example.com" }
                    - { id: faq, url: "https://b.example.com", timeout_ms: 0, headers: { Host: evil, X-Token: "" } }
                  access:
                    - { applies_to: { roles: [""] } }
                    - { allow: [""] }
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a2a.agents[0].id: is required")
                .hasMessageContaining("a2a.agents[1].url: must be an http:// or https:// URL")
                .hasMessageContaining("a2a.agents[2].id: 'faq' is used by an earlier agent")
                .hasMessageContaining("a2a.agents[2].timeout_ms: must be in 1..3600000")
                .hasMessageContaining("a2a.agents[2].headers: 'Host' is not a header an agent's credential may be sent in")
                .hasMessageContaining("a2a.agents[2].headers.X-Token: must be a value without control characters")
                .hasMessageContaining("a2a.max_response_bytes: must be at least 1024")
                .hasMessageContaining("a2a.public_url: must be an http:// or https:// URL")
                .hasMessageContaining("a2a.access[0]: must allow or deny something")
                .hasMessageContaining("a2a.access[0].applies_to.roles[0]: must not be blank")
                .hasMessageContaining("a2a.access[1].allow[0]: must be a name or glob");
    }
}
