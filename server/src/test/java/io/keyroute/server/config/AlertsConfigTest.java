package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerts:} section: its defaults, how it is read, and what is refused (never quoting a secret or URL). */
class AlertsConfigTest {
    private static final String SECRET = "whsec_" + "ConfigTestSecret012345";

    private static KeyrouteConfig load(String yaml) {
        return new ConfigLoader(Map.of("HOOK_SECRET", SECRET)).load(yaml, "keyroute.yaml");
    }

    @Test
    void withoutTheSectionThresholdsAre50_80_100AndNothingIsSent() {
        AlertsSettings alerts = load("server: { port: 8080 }").alerts();
        assertThat(alerts.budgetThresholds()).containsExactly(50, 80, 100);
        assertThat(alerts.webhooks()).isEmpty();
        assertThat(alerts.maxAttempts()).isEqualTo(5);
        assertThat(alerts.backoffMs()).isEqualTo(1_000L);
        assertThat(alerts.queue()).isEqualTo(1_000);
        assertThat(alerts.retentionDays()).isEqualTo(90);
    }

    @Test
    void aWebhookIsReadWithItsFilterAndSecretFromTheEnvironment() {
        AlertsSettings alerts = load("""
                alerts:
                  budget_thresholds: [90, 25, 90]
                  max_attempts: 3
                  webhooks:
                    - name: ops
                      url: https://hooks.example.com/keyroute?token=abc
                      events: [budget.threshold, circuit.opened]
                      secret: ${HOOK_SECRET}
                """).alerts();
        assertThat(alerts.budgetThresholds()).containsExactly(25, 90);
        var hook = alerts.webhooks().getFirst();
        assertThat(hook.secret()).isEqualTo(SECRET);
        assertThat(hook.wants("circuit.opened")).isTrue();
        assertThat(hook.wants("circuit.closed")).isFalse();
        assertThat(hook.timeoutMs()).isEqualTo(5_000L);
        assertThat(hook.toString()).doesNotContain(SECRET, "abc");
    }

    @Test
    void badSettingsAreEachNamedWithoutQuotingTheSecretOrTheUrl() {
        assertThatThrownBy(() -> load("""
                alerts:
                  budget_thresholds: [0, 150]
                  max_attempts: 0
                  retention_days: 0
                  webhooks:
                    - name: ops
                      url: https://user:pass@hooks.example.com/x
                      events: [budget.spent]
                      secret: short
                    - name: ops
                      url: ftp://hooks.example.com/x
                      secret: ${HOOK_SECRET}
                """)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(e.getMessage())
                .contains("alerts.budget_thresholds: 0 is not a percent in 1..100",
                        "alerts.budget_thresholds: 150 is not a percent in 1..100",
                        "alerts.max_attempts: 0 is not in 1..20",
                        "alerts.retention_days: 0 is not in 1..3650",
                        "alerts.webhooks[0].url: must be an absolute http:// or https:// URL without user info",
                        "alerts.webhooks[0].events: 'budget.spent' is not one of budget.threshold, circuit.opened, "
                                + "circuit.closed, credential.validation_failed",
                        "alerts.webhooks[0].secret: must be at least 16 characters without spaces",
                        "alerts.webhooks[1].name: 'ops' is used twice",
                        "alerts.webhooks[1].url: must be an absolute http:// or https:// URL without user info")
                .doesNotContain("short", "pass@", SECRET));
    }

    @Test
    void aWebhookWithoutASecretIsRefused() {
        assertThatThrownBy(() -> load("alerts: { webhooks: [ { name: ops, url: 'https://hooks.example.com/x' } ] }"))
                .hasMessageContaining("alerts.webhooks[0].secret: must be at least 16 characters");
    }

    @Test
    void theEventsAConfigMayNameAreTheAlertTypes() {
        assertThat(AlertsSettings.EVENTS).containsExactlyElementsOf(List.of(
                io.keyroute.server.alerts.AlertType.values()).stream().map(t -> t.wire()).toList());
    }
}
