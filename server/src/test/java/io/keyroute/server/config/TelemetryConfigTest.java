package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code telemetry:} section: prompts and answers stay out of traces unless it says otherwise. */
class TelemetryConfigTest {
    private static KeyrouteConfig load(String yaml) {
        return new ConfigLoader(Map.of()).load(yaml, "keyroute.yaml");
    }

    @Test
    void contentIsCapturedOnlyWhenTheConfigSaysSo() {
        assertThat(load("server: { port: 8080 }").telemetry().captureContent()).isFalse();
        assertThat(load("telemetry: {}").telemetry().captureContent()).isFalse();
        assertThat(load("telemetry: { capture_content: false }").telemetry().captureContent()).isFalse();
        assertThat(load("telemetry: { capture_content: true }").telemetry().captureContent()).isTrue();
    }

    @Test
    void anUnknownSettingIsRefusedWithItsName() {
        assertThatThrownBy(() -> load("telemetry: { capture_contents: true }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("capture_contents");
    }
}
