package io.keyroute.server.ops;

import io.keyroute.server.a2a.A2aCall;
import io.keyroute.server.a2a.A2aEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Calls to {@code /a2a/{agent}} per agent (a configured id, {@code unknown} otherwise), method (a known A2A
 * method, {@code other} or {@code card}) and outcome; their duration to the last byte; events relayed on streams.
 */
final class A2aMetrics implements A2aEvents {
    private final MeterRegistry registry;

    A2aMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(A2aCall call) {
        String agent = call.agent() == null ? "unknown" : call.agent();
        Counter.builder("keyroute.a2a.calls").description("Calls to /a2a/{agent}, by agent, method and outcome")
                .tags("agent", agent, "method", call.method(), "outcome", call.outcome())
                .register(registry).increment();
        Timer.builder("keyroute.a2a.call.duration").description("Time of a call to /a2a/{agent}, to its last byte")
                .tags("agent", agent, "method", call.method())
                .register(registry).record(call.nanos(), TimeUnit.NANOSECONDS);
        if (call.events() > 0) {
            Counter.builder("keyroute.a2a.stream.events").description("Events relayed from agents' streams")
                    .tag("agent", agent).register(registry).increment(call.events());
        }
    }
}
