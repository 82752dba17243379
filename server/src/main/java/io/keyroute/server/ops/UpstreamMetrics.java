package io.keyroute.server.ops;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.server.inference.attempts.AttemptListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Upstream failures by provider and status, retries and fallbacks, as the attempt runner reports them. */
final class UpstreamMetrics implements AttemptListener {
    private final MeterRegistry registry;

    UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void upstreamFailed(String providerId, UpstreamError failure) {
        Counter.builder("keyroute.upstream.errors").description("Failed provider attempts")
                .tags("provider", providerId, "status", status(failure)).register(registry).increment();
    }

    @Override
    public void retried(String providerId) {
        Counter.builder("keyroute.retries").description("Attempts repeated on the same candidate")
                .tag("provider", providerId).register(registry).increment();
    }

    @Override
    public void fellBack(String providerId) {
        Counter.builder("keyroute.fallbacks").description("Moves to a later candidate after a failure")
                .tag("provider", providerId).register(registry).increment();
    }

    /** The HTTP status, or what happened instead when the provider gave none (connect, timeout, protocol). */
    private static String status(UpstreamError failure) {
        return failure.kind() == UpstreamError.Kind.STATUS
                ? String.valueOf(failure.upstreamStatus()) : failure.kind().name().toLowerCase(Locale.ROOT);
    }
}
