package io.keyroute.server.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process's OpenTelemetry, made once at start ({@code server.boot.Boot}) from the standard
 * {@code OTEL_*} variables by the SDK's autoconfiguration (endpoint, protocol, headers, service
 * name, resource attributes, sampler, propagators, exporters). Without
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or with {@code OTEL_SDK_DISABLED=true}) it is off: no SDK,
 * {@link OpenTelemetry#noop()}, and the request path makes no span nor anything else for it.
 * {@link #close} flushes what is still batched, after the gateway has drained.
 *
 * <p>Some defaults differ from the Java SDK's: the protocol is {@code http/protobuf} and the service
 * is named {@code keyroute} (both the OpenTelemetry specification's own), and spans are exported in
 * batches of {@value #EXPORT_BATCH_SPANS} in a queue of {@value #QUEUED_SPANS}
 * ({@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE} and {@code OTEL_BSP_MAX_QUEUE_SIZE} win when set). OTLP over
 * HTTP is sent with the JDK's HTTP client; {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} (a collector's 4317)
 * with OkHttp's, OpenTelemetry's one gRPC sender that needs no grpc-java, whose HTTP sender is on the
 * class path too, so the JDK's is named as the preferred one.
 */
public final class Telemetry implements AutoCloseable {
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    /** The tracer's and meter's instrumentation scope. */
    public static final String SCOPE = "io.keyroute";
    private static final Telemetry OFF = new Telemetry(OpenTelemetry.noop(), null);
    /** The SDK's setting naming the HTTP sender it takes when more than one is on the class path. */
    static final String HTTP_SENDER = "io.opentelemetry.sdk.common.export.HttpSenderProvider";
    private static final String JDK_HTTP_SENDER = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";
    /**
     * Spans a batch exports at most (the SDK's default is 512): a short request makes five, so at a few
     * thousand requests a second 512 meant dozens of OTLP requests a second, each costing the JDK's HTTP
     * client and the batch thread more than its spans' encoding (issue 28.1, docs/PERFORMANCE.md).
     */
    static final int EXPORT_BATCH_SPANS = 2048;
    /** Spans waiting for the exporter before new ones are dropped (the SDK's 2,048): four batches. */
    static final int QUEUED_SPANS = 4 * EXPORT_BATCH_SPANS;
    /** Bound on the flush at shutdown, after the drain: a collector that is gone must not hold the exit. */
    private static final long CLOSE_SECONDS = 5;

    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Telemetry(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
        this.tracer = openTelemetry.getTracer(SCOPE);
    }

    /** No telemetry: what a gateway has unless it is given one. */
    public static Telemetry off() {
        return OFF;
    }

    /**
     * The SDK configured from {@code env}'s {@code OTEL_*} variables (a test passes a map; {@code serve}
     * the process environment), or {@link #off()} when it names no OTLP endpoint.
     *
     * @throws IllegalArgumentException when the variables configure something this build cannot do
     *                                  (an unknown exporter, sampler or protocol)
     */
    public static Telemetry fromEnvironment(Map<String, String> env) {
        String endpoint = env.get(ENDPOINT);
        if (endpoint == null || endpoint.isBlank() || "true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) {
            return OFF;
        }
        Map<String, String> properties = properties(env);
        if (System.getProperty(HTTP_SENDER) == null) { // the SDK reads it from the JVM's properties only
            System.setProperty(HTTP_SENDER, JDK_HTTP_SENDER);
        }
        try {
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> Map.of(
                            "otel.service.name", "keyroute",
                            "otel.exporter.otlp.protocol", "http/protobuf",
                            "otel.bsp.max.export.batch.size", String.valueOf(EXPORT_BATCH_SPANS),
                            "otel.bsp.max.queue.size", String.valueOf(QUEUED_SPANS)))
                    .addPropertiesCustomizer(config -> properties) // the given variables win over the JVM's own
                    .disableShutdownHook() // Boot closes it after the drain, not in parallel with it
                    .build()
                    .getOpenTelemetrySdk();
            return new Telemetry(sdk, sdk);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("OpenTelemetry could not be configured from the OTEL_* variables: "
                    + e.getMessage(), e);
        }
    }

    /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} → {@code otel.exporter.otlp.endpoint}, as the SDK names its settings. */
    private static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return properties;
    }

    /** Whether an OTLP endpoint is configured: spans and metrics are made and sent. */
    public boolean enabled() {
        return sdk != null;
    }

    /** The SDK when {@link #enabled()}, else {@link OpenTelemetry#noop()}. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Keyroute's tracer (a no-op one when off). */
    public Tracer tracer() {
        return tracer;
    }

    /** Flushes what is batched and stops the exporters; waits at most a few seconds. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.shutdown().join(CLOSE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
