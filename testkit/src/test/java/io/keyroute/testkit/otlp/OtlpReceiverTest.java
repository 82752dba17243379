package io.keyroute.testkit.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receiver against the real OpenTelemetry SDK exporters (OTLP/HTTP protobuf, with and without gzip). */
class OtlpReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OtlpReceiver receiver = OtlpReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void decodesTheSpansTheSdkExports(String compression) {
        try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                        .setEndpoint(receiver.url() + "/v1/traces").setCompression(compression)
                        .addHeader("x-tenant", "t1").build()))
                .build()) {
            Span parent = tracers.get("test").spanBuilder("chat gpt-4o").setSpanKind(SpanKind.SERVER)
                    .setAttribute("gen_ai.request.model", "gpt-4o").startSpan();
            Span child;
            try (var scope = parent.makeCurrent()) {
                child = tracers.get("test").spanBuilder("upstream").setSpanKind(SpanKind.CLIENT).startSpan();
                child.end();
            }
            parent.end();

            List<io.opentelemetry.proto.trace.v1.Span> spans = receiver.awaitSpans(s -> s.size() == 2, WAIT);

            var server = spans.stream().filter(s -> s.getName().equals("chat gpt-4o")).findFirst().orElseThrow();
            var client = spans.stream().filter(s -> s.getName().equals("upstream")).findFirst().orElseThrow();
            assertThat(server.getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(server.getAttributesList()).contains(KeyValue.newBuilder().setKey("gen_ai.request.model")
                    .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("gpt-4o")).build());
            assertThat(HexFormat.of().formatHex(server.getTraceId().toByteArray()))
                    .isEqualTo(parent.getSpanContext().getTraceId());
            assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(receiver.exports()).allSatisfy(e -> {
                assertThat(e.path()).isEqualTo("/v1/traces");
                assertThat(e.headers()).containsEntry("x-tenant", List.of("t1"));
            });
        }
    }

    @Test
    void decodesAHistogramWithItsUnitAttributesAndSum() {
        try (SdkMeterProvider meters = SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                        .setEndpoint(receiver.url() + "/v1/metrics").setCompression("gzip").build()).build())
                .build()) {
            LongHistogram tokens = meters.get("test").histogramBuilder("gen_ai.client.token.usage")
                    .setUnit("{token}").ofLongs().build();
            tokens.record(12, Attributes.of(AttributeKey.stringKey("gen_ai.token.type"), "input"));
            tokens.record(30, Attributes.of(AttributeKey.stringKey("gen_ai.token.type"), "input"));
            meters.forceFlush().join(10, TimeUnit.SECONDS);

            Metric metric = receiver.awaitMetrics(m -> !m.isEmpty(), WAIT).getFirst();

            assertThat(receiver.latestMetric("gen_ai.client.token.usage")).contains(metric);
            assertThat(metric.getUnit()).isEqualTo("{token}");
            HistogramDataPoint point = metric.getHistogram().getDataPoints(0);
            assertThat(point.getCount()).isEqualTo(2);
            assertThat(point.getSum()).isEqualTo(42.0);
            assertThat(point.getAttributes(0).getKey()).isEqualTo("gen_ai.token.type");
            assertThat(point.getAttributes(0).getValue().getStringValue()).isEqualTo("input");
        }
    }

    @Test
    void decodesLogRecords() {
        try (SdkLoggerProvider loggers = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(receiver.url() + "/v1/logs").build()))
                .build()) {
            Logger logger = loggers.get("test");
            logger.logRecordBuilder().setBody("request done").emit();

            assertThat(receiver.awaitLogs(l -> l.size() == 1, WAIT).getFirst().getBody().getStringValue())
                    .isEqualTo("request done");
        }
    }

    @Test
    void answersTheEmptyExportResponseAndRefusesWhatIsNoOtlpProtobuf() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> ok = http.send(post("/v1/traces", "application/x-protobuf", null, new byte[0]),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type")).contains("application/x-protobuf");
        assertThat(ok.body()).isEmpty(); // ExportTraceServiceResponse with no partial_success

        assertThat(http.send(post("/v1/traces/more", "application/x-protobuf", null, new byte[0]),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(http.send(post("/v1/traces", "application/json", null, "{}".getBytes()),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(415);
        assertThat(http.send(post("/v1/metrics", "application/x-protobuf", "br", new byte[1]),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(415);
        assertThat(http.send(post("/v1/metrics", "application/x-protobuf", null, new byte[] {(byte) 0xff, 1}),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
        assertThat(http.send(post("/v1/logs", "application/x-protobuf", "gzip", new byte[] {1, 2, 3}),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
        assertThat(http.send(post("/v1/logs", "application/x-protobuf", "gzip",
                gzip(new byte[OtlpReceiver.MAX_BODY_BYTES + 1])), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(413);
        assertThat(receiver.exports()).hasSize(1);
    }

    @Test
    void anAwaitThatIsNeverSatisfiedFailsNamingWhatArrived() {
        assertThatThrownBy(() -> receiver.awaitSpans(s -> !s.isEmpty(), Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no matching spans");
    }

    private HttpRequest post(String path, String type, String encoding, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(receiver.url() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return b.build();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }
}
