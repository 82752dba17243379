package io.keyroute.benchmarks;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;

/**
 * {@code OTEL_TRACES_EXPORTER=keyroute-bench}: a span exporter that sends nothing and keeps the last
 * batch it was given, so that {@link TelemetryBenchmark} runs the SDK as {@code serve} configures it
 * (autoconfigured, the batch processor) without a network, and can encode real spans as OTLP: it keeps
 * the largest batch it was given (a flush's last one may be a remainder).
 */
public final class KeptSpansExporterProvider implements ConfigurableSpanExporterProvider {
    static final String NAME = "keyroute-bench";
    private static volatile List<SpanData> largestBatch = List.of();

    static List<SpanData> largestBatch() {
        return largestBatch;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                if (spans.size() > largestBatch.size()) {
                    largestBatch = List.copyOf(spans);
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
