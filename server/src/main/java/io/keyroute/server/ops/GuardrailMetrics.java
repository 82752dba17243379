package io.keyroute.server.ops;

import io.keyroute.server.guardrails.GuardrailEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The guardrails' checks: evaluations and their time, verdicts by action, redactions by entity type,
 * failures by reason. Labels are configured step names, places, actions and entity types: bounded
 * sets the operator chose, never a matched value. A check happens several times a request (each
 * stream event, too), so each meter is looked up in a map of its own after its first registration.
 */
final class GuardrailMetrics implements GuardrailEvents {
    private final MeterRegistry registry;
    private final Map<Key, Timer> durations = new ConcurrentHashMap<>();
    private final Map<Key, Counter> verdicts = new ConcurrentHashMap<>();

    /**
     * A meter's labels as its map's key: the label strings are the config's, their hashes cached, where a key
     * joined into a new string cost a copy and a hash at every check (several a request).
     */
    private record Key(String step, String place, String action) {}

    GuardrailMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void evaluated(String step, String place, long nanos) {
        meter(durations, new Key(step, place, null), () -> Timer.builder("keyroute.guardrail.duration")
                .description("Time a guardrail step took to check").tags("step", step, "place", place)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void decided(String step, String place, String action) {
        meter(verdicts, new Key(step, place, action), () -> Counter.builder("keyroute.guardrail.verdicts")
                .description("What guardrail steps decided").tags("step", step, "place", place, "action", action)
                .register(registry)).increment();
    }

    /** A registered meter by a read that takes no lock ({@code computeIfAbsent} may lock its bin), else registered. */
    private static <M> M meter(Map<Key, M> meters, Key key, Supplier<M> registered) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, k -> registered.get());
    }

    @Override
    public void redacted(String step, String entity, int count) {
        Counter.builder("keyroute.guardrail.redactions").description("Values replaced by placeholders")
                .tags("step", step, "entity", entity).register(registry).increment(count);
    }

    @Override
    public void failed(String step, String place, String reason) {
        Counter.builder("keyroute.guardrail.errors").description("Guardrail checks that failed or timed out")
                .tags("step", step, "place", place, "reason", reason).register(registry).increment();
    }
}
