package io.keyroute.benchmarks;

import io.keyroute.api.Usage;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Provider;
import io.keyroute.providers.ProviderRegistry;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.telemetry.AttemptSpans;
import io.keyroute.server.telemetry.GenAiMetrics;
import io.keyroute.server.telemetry.RequestTrace;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.server.telemetry.TracedGate;
import io.keyroute.usage.CacheUse;
import io.keyroute.usage.RequestRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One short chat's telemetry work on the request's thread, as the gateway does it with
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} set (issue 28.1): the server span continuing the caller's headers,
 * the route span, the rate-limit and budget checks ({@link TracedGate}: the key has neither, so they make
 * no span), the attempt span with its {@code traceparent} sent upstream and the answer's model and finish
 * reason, the server span's record, the GenAI metrics; {@code telemetry=off} is the same calls as
 * {@code serve} makes them without an endpoint. The SDK is autoconfigured as {@code serve}'s, its spans
 * batched to an exporter that keeps them ({@link KeptSpansExporterProvider}); {@link #encodeBatch} is the
 * exporter thread's OTLP protobuf encoding of those spans, per request (three spans).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TelemetryBenchmark {
    private static final String ROUTE = "/v1/chat/completions";
    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();
    /** Requests whose spans {@link #encodeBatch} encodes at once. */
    private static final int ENCODED_REQUESTS = 100;
    /** A short request's spans: the server's, the route's and the attempt's (before issue 28.1's cut, five). */
    private static final int SPANS_PER_REQUEST = 3;

    @Param({"on", "off"})
    public String telemetry;

    private Telemetry sdk;
    private RequestGate limits;
    private GenAiMetrics metrics;
    private Provider provider;
    private final Target target = new Target("openai", "gpt-4o-mini");
    private final List<Target> targets = List.of(target);
    private final URI uri = URI.create("http://127.0.0.1:8089/v1/chat/completions");
    private final UpstreamRequest upstream = new UpstreamRequest("POST", uri,
            Map.of("Authorization", "Bearer sk-bench", "Content-Type", "application/json"), Samples.CHAT_REQUEST, false);
    private final Usage usage = new Usage(96, 24, 0, 0);
    private final RequestRecord record = new RequestRecord("req_0123456789abcdef", "key_bench", "user_bench",
            "ws_bench", "system:openai", "chat", "chat", "openai", "gpt-4o-mini", 200, 1, false, usage, 1234L,
            2_400L, 2_100L, "ok", false, "route", "chat", null, CacheUse.MISS);
    private List<SpanData> batch;

    @Setup(Level.Trial)
    public void start() {
        sdk = "on".equals(telemetry) ? Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:9",
                "OTEL_TRACES_EXPORTER", KeptSpansExporterProvider.NAME, "OTEL_LOGS_EXPORTER", "none",
                "OTEL_METRIC_EXPORT_INTERVAL", "3600000")) : Telemetry.off();
        limits = TracedGate.of(sdk, "rate_limit", RequestGate.open())
                .then(TracedGate.of(sdk, "budget", RequestGate.open()));
        provider = new Provider("openai", ProviderRegistry.builtIn().find("openai").orElseThrow(),
                URI.create("http://127.0.0.1:8089/v1"), null, null, Duration.ofSeconds(60), Optional.empty());
        var runtime = new GatewayRuntime(null, Map.of("openai", provider), null, null, null, null, null, null, null);
        metrics = sdk.enabled() ? new GenAiMetrics(sdk.openTelemetry().getMeter(Telemetry.SCOPE), RequestRecord::model,
                () -> runtime) : null; // off: HttpServer makes none
        if (sdk.enabled()) {
            for (int i = 0; i < 2_000; i++) {
                request();
            }
            ((OpenTelemetrySdk) sdk.openTelemetry()).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            batch = KeptSpansExporterProvider.largestBatch().subList(0, SPANS_PER_REQUEST * ENCODED_REQUESTS);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        sdk.close();
    }

    /** The telemetry work of one request, in the order the gateway does it. */
    @Benchmark
    public UpstreamRequest request() {
        RequestTrace trace = sdk.enabled() ? RequestTrace.start(sdk, "POST", ROUTE, name -> null) : null;
        RequestTrace.routed(RequestTrace.child(trace, "keyroute.route"), "chat", "route", targets);
        limits.admit(null);
        Span attempt = trace == null ? Span.getInvalid()
                : trace.attempt("chat", provider, target, "system:openai", 1, uri, null);
        UpstreamRequest sent = AttemptSpans.propagate(attempt, upstream);
        AttemptSpans.answered(attempt, Samples.CHAT_ANSWER, false);
        AttemptSpans.delivered(attempt, usage, false, false, 0, "ok");
        attempt.end();
        if (trace != null) {
            metrics.record(record); // the books' sink, while the request's span is current
            trace.asked("chat", null);
            trace.end(record, null);
        }
        return sent;
    }

    /** The OTLP/HTTP exporter's protobuf encoding of 300 spans, per request (three spans); nothing when off. */
    @Benchmark
    @OperationsPerInvocation(ENCODED_REQUESTS)
    public int encodeBatch() throws IOException {
        if (batch == null) {
            return 0;
        }
        TraceRequestMarshaler.create(batch).writeBinaryTo(NOWHERE);
        return batch.size();
    }
}
