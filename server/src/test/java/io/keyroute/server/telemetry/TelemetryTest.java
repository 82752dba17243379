package io.keyroute.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    @Test
    void withoutAnEndpointItIsOffAndMakesNoSpan() {
        Telemetry telemetry = Telemetry.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "gw"));

        assertThat(telemetry.enabled()).isFalse();
        assertThat(telemetry.openTelemetry()).isSameAs(OpenTelemetry.noop());
        Span span = telemetry.tracer().spanBuilder("x").startSpan();
        assertThat(span.getSpanContext().isValid()).isFalse();
        assertThat(Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, " "))).isSameAs(Telemetry.off());
    }

    @Test
    void theSdkSwitchedOffWinsOverAnEndpoint() {
        assertThat(Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:4318",
                "OTEL_SDK_DISABLED", "true")).enabled()).isFalse();
    }

    @Test
    void anEndpointTurnsItOnAndItsSpansAreRecorded() {
        try (Telemetry telemetry = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:9",
                "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"))) {
            assertThat(telemetry.enabled()).isTrue();
            Span span = telemetry.tracer().spanBuilder("x").startSpan();
            assertThat(span.getSpanContext().isValid()).isTrue();
            assertThat(span.isRecording()).isTrue();
            span.end();
        }
    }

    @Test
    void grpcIsRefusedWithTheReasonAndWhatToSetInstead() {
        assertThatThrownBy(() -> Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL grpc is not supported")
                .hasMessageContaining("http/protobuf");
        assertThatThrownBy(() -> Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL grpc");
    }

    @Test
    void anUnknownSamplerIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:4318",
                "OTEL_TRACES_SAMPLER", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sometimes");
    }
}
