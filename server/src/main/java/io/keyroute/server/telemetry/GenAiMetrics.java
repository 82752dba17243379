package io.keyroute.server.telemetry;

import io.keyroute.providers.Provider;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.RequestRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.keyroute.server.telemetry.TraceAttributes.ERROR_TYPE;
import static io.keyroute.server.telemetry.TraceAttributes.OPERATION;
import static io.keyroute.server.telemetry.TraceAttributes.PROVIDER;
import static io.keyroute.server.telemetry.TraceAttributes.PROVIDER_ID;
import static io.keyroute.server.telemetry.TraceAttributes.REQUEST_MODEL;
import static io.keyroute.server.telemetry.TraceAttributes.RESPONSE_MODEL;

/**
 * The GenAI semantic conventions' metrics, sent over OTLP beside the Prometheus ones and fed by the
 * same record per request: {@code gen_ai.client.token.usage} and {@code gen_ai.client.operation.duration}
 * (Keyroute is its callers' client of the providers), {@code gen_ai.server.time_to_first_token} and
 * {@code gen_ai.server.time_per_output_token} (measured as a server: from the moment the caller's request
 * arrived, as the Prometheus TTFT is). Bucket boundaries are the conventions' advice.
 *
 * <p>Labels follow the Prometheus rules: the model is the catalog's name or {@code other}
 * ({@code accounting.ModelLabels}), both as {@code gen_ai.request.model} (what Keyroute asked the provider for)
 * and {@code gen_ai.response.model}; providers by their conventional name and their config id. Every
 * value comes from a bounded set, so the attribute sets are made once per series and kept.
 */
public final class GenAiMetrics {
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    private static final String EMBEDDINGS = "embeddings";
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final Function<RequestRecord, String> models;
    private final Supplier<GatewayRuntime> runtimes;
    private final LongHistogram tokens;
    private final DoubleHistogram duration;
    private final DoubleHistogram timeToFirstToken;
    private final DoubleHistogram timePerOutputToken;
    /** Bounded: provider ids (the config's) × catalog models (plus {@code other}) × operations. */
    private final ConcurrentMap<Series, Labels> labels = new ConcurrentHashMap<>();

    /**
     * @param models   how the Prometheus metrics name a record's model (null when it reached none)
     * @param runtimes the current runtime, for the kind of provider an id names
     */
    public GenAiMetrics(Meter meter, Function<RequestRecord, String> models, Supplier<GatewayRuntime> runtimes) {
        this.models = models;
        this.runtimes = runtimes;
        tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
                .setDescription("Number of input and output tokens used.")
                .setExplicitBucketBoundariesAdvice(List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
                        262144L, 1048576L, 4194304L, 16777216L, 67108864L))
                .build();
        duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
                .setDescription("GenAI operation duration.")
                .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
                        5.12, 10.24, 20.48, 40.96, 81.92))
                .build();
        timeToFirstToken = meter.histogramBuilder("gen_ai.server.time_to_first_token").setUnit("s")
                .setDescription("Time to generate first token for successful responses.")
                .setExplicitBucketBoundariesAdvice(List.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25,
                        0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0))
                .build();
        timePerOutputToken = meter.histogramBuilder("gen_ai.server.time_per_output_token").setUnit("s")
                .setDescription("Time per output token generated after the first token for successful responses.")
                .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
                        0.75, 1.0, 2.5))
                .build();
    }

    /**
     * Records {@code r}. A request refused before it was read (no operation) is no GenAI operation and
     * is left to the Prometheus metrics; tokens are counted only when a provider was called.
     */
    public void record(RequestRecord r) {
        if (r.operation() == null) {
            return;
        }
        Labels l = labels.computeIfAbsent(new Series(r.provider(), models.apply(r), r.operation()), this::labels);
        String error = errorType(r);
        duration.record(r.latencyMicros() / MICROS_PER_SECOND,
                error == null ? l.operation : l.operation.toBuilder().put(ERROR_TYPE, error).build());
        long output = r.usage().completionTokens();
        if (r.provider() != null) {
            tokens.record(r.usage().promptTokens(), l.input);
            if (!EMBEDDINGS.equals(r.operation())) {
                tokens.record(output, l.output);
            }
        }
        long ttft = r.timeToFirstTokenMicros();
        if (error != null || ttft <= 0) {
            return;
        }
        timeToFirstToken.record(ttft / MICROS_PER_SECOND, l.operation);
        // A whole JSON answer arrives at once: only a stream's tokens come one after another.
        if (r.streamed() && output > 1 && r.latencyMicros() > ttft) {
            timePerOutputToken.record((r.latencyMicros() - ttft) / MICROS_PER_SECOND / (output - 1), l.operation);
        }
    }

    /** The {@code error.type} of a request that failed: its HTTP status, or how its stream ended; null when it did not. */
    private static String errorType(RequestRecord r) {
        if (r.status() >= 400) {
            return String.valueOf(r.status());
        }
        return "ok".equals(r.outcome()) ? null : r.outcome();
    }

    private Labels labels(Series s) {
        AttributesBuilder b = Attributes.builder().put(OPERATION, s.operation);
        if (s.provider != null) {
            Provider provider = runtimes.get().providers().get(s.provider);
            b.put(PROVIDER, provider == null ? s.provider : ProviderNames.of(provider)).put(PROVIDER_ID, s.provider);
        }
        if (s.model != null) {
            b.put(REQUEST_MODEL, s.model).put(RESPONSE_MODEL, s.model);
        }
        Attributes operation = b.build();
        return new Labels(operation, operation.toBuilder().put(TOKEN_TYPE, "input").build(),
                operation.toBuilder().put(TOKEN_TYPE, "output").build());
    }

    private record Series(String provider, String model, String operation) {
    }

    private record Labels(Attributes operation, Attributes input, Attributes output) {
    }
}
