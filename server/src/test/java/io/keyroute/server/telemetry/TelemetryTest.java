package io.keyroute.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.keyroute.testkit.otlp.OtlpReceiver;
import java.time.Duration;
import java.util.List;
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
    void spansAreExportedInBatchesOfKeyroutesSizeUnlessTheVariablesSayOtherwise() {
        try (Telemetry ours = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:9",
                "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"));
             Telemetry theirs = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:9",
                     "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none",
                     "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "100"))) {
            assertThat(spanProcessor(ours)).contains("maxExportBatchSize=2048");
            assertThat(spanProcessor(theirs)).contains("maxExportBatchSize=100");
        }
    }

    /** The SDK's description of its span processor (the batch processor names its settings). */
    private static String spanProcessor(Telemetry telemetry) {
        return ((OpenTelemetrySdk) telemetry.openTelemetry()).getSdkTracerProvider().toString();
    }

    @Test
    void spansGoOverGrpcToACollectorsGrpcPort() {
        try (OtlpReceiver collector = OtlpReceiver.startGrpc();
             Telemetry telemetry = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, collector.url(),
                     "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=t1",
                     "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none", "OTEL_BSP_SCHEDULE_DELAY", "10"))) {
            telemetry.tracer().spanBuilder("chat gpt-4o").setAttribute("gen_ai.request.model", "gpt-4o").startSpan()
                    .end();

            var span = collector.awaitSpans(spans -> !spans.isEmpty(), Duration.ofSeconds(10)).getFirst();

            assertThat(span.getName()).isEqualTo("chat gpt-4o");
            assertThat(span.getAttributes(0).getValue().getStringValue()).isEqualTo("gpt-4o");
            assertThat(collector.exports()).allSatisfy(export -> {
                assertThat(export.path()).isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
                assertThat(export.headers()).containsEntry("x-tenant", List.of("t1"))
                        .containsEntry("content-type", List.of("application/grpc"));
            });
        }
    }

    @Test
    void overHttpTheJdksClientStaysTheSenderBesideOkHttps() {
        try (OtlpReceiver collector = OtlpReceiver.start();
             Telemetry telemetry = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, collector.url(),
                     "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none", "OTEL_BSP_SCHEDULE_DELAY", "10"))) {
            telemetry.tracer().spanBuilder("x").startSpan().end();

            collector.awaitSpans(spans -> !spans.isEmpty(), Duration.ofSeconds(10));

            assertThat(System.getProperty(Telemetry.HTTP_SENDER)).endsWith("JdkHttpSenderProvider");
            // The JDK's client offers HTTP/2 on a plain connection (Upgrade: h2c); OkHttp never does.
            assertThat(collector.exports().getFirst().headers()).containsEntry("upgrade", List.of("h2c"));
        }
    }

    @Test
    void anUnknownProtocolIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carrier-pigeon");
    }

    @Test
    void anUnknownSamplerIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:4318",
                "OTEL_TRACES_SAMPLER", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sometimes");
    }
}
