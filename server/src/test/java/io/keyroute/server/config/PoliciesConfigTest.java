package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.policy.PolicySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's {@code policies:} as the loader reads it: parsed, checked with positions, kept out on a bad reload. */
class PoliciesConfigTest {
    private static final String PROVIDERS = "providers: [ { id: openai, type: openai, api_key: sk-test } ]\n"
            + "routes: [ { name: cheap, strategy: fallback, candidates: [openai/gpt-4o-mini] } ]\n";
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @TempDir
    Path dir;

    private KeyrouteConfig load(String yaml) {
        return loader.load(PROVIDERS + yaml, "keyroute.yaml");
    }

    @Test
    void rulesAreReadInOrderWithTheirDefaults() {
        KeyrouteConfig config = load("""
                policies:
                  - name: no-premium-for-members
                    when: "caller.role == 'member' && target.tier == 'premium'"
                    effect: deny
                  - name: long-prompts-go-cheap
                    when: >-
                      request.estimated_prompt_tokens > 100000
                    effect: route:cheap
                    on_error: closed
                """);

        assertThat(config.policies()).containsExactly(
                new PolicySettings("no-premium-for-members", "caller.role == 'member' && target.tier == 'premium'",
                        "deny", null),
                new PolicySettings("long-prompts-go-cheap", "request.estimated_prompt_tokens > 100000", "route:cheap",
                        "closed"));
        assertThat(config.policies()).extracting(PolicySettings::failsClosed).containsExactly(true, true);
    }

    @Test
    void aRuleThatDoesNotCompileRejectsTheConfigWithItsNameAndPosition() {
        assertThatThrownBy(() -> load("""
                policies:
                  - name: ok
                    when: "true"
                    effect: allow
                  - name: typo
                    when: "caller.role == 'member' && request.max_tokens > 'lots'"
                    effect: deny
                  - name: nowhere
                    when: "true"
                    effect: route:no-such-route
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactly(
                p -> assertThat(p).startsWith("keyroute.yaml: policies[1].when: line 1, column 47: found no matching "
                        + "overload for '_>_' applied to '(int, string)'").endsWith("(rule 'typo')"),
                p -> assertThat(p).isEqualTo("keyroute.yaml: policies[2].effect: 'no-such-route' is neither a route, "
                        + "an alias nor provider/model of a configured provider")));
    }

    @Test
    void aReloadWithABrokenRuleKeepsTheRunningConfig() throws IOException {
        Path file = dir.resolve("keyroute.yaml");
        Files.writeString(file, PROVIDERS);
        BlockingQueue<KeyrouteConfig> applied = new LinkedBlockingQueue<>();
        try (var watcher = new ConfigWatcher(file, loader, loader.load(file), applied::add, Duration.ofMillis(50))) {
            Files.writeString(file, PROVIDERS + "policies: [ { name: bad, when: \"caller.rol == 'x'\", effect: deny } ]\n");
            watcher.reloadNow();
            assertThat(applied).isEmpty();

            Files.writeString(file, PROVIDERS + "policies: [ { name: good, when: \"caller.role == 'x'\", effect: deny } ]\n");
            watcher.reloadNow();
        }
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.policies()).extracting(PolicySettings::name)
                .containsExactly("good"));
    }

    @Test
    void withoutASectionThereAreNoRules() {
        assertThat(load("").policies()).isEqualTo(List.of());
    }
}
