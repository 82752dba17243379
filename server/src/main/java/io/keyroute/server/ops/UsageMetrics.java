package io.keyroute.server.ops;

import io.keyroute.server.accounting.ModelLabels;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.usage.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts each finished request by provider, catalog model (or {@code other}: {@link ModelLabels}) and status.
 * The meters of a series are looked up once and kept, so a request costs one map lookup and a few increments.
 */
final class UsageMetrics implements UsageSink {
    /** Requests that never reached a provider (refused, unroutable) have no provider or model. */
    private static final String NONE = "none";
    /** LLM latencies run from tens of milliseconds to minutes; fixed buckets keep the series count small. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final ModelLabels models;
    /** Bounded: provider ids (the config's), catalog models (plus {@link ModelLabels#OTHER}) and HTTP statuses. */
    private final ConcurrentMap<Series, Meters> meters = new ConcurrentHashMap<>();
    /** By cache status: hit, miss, bypass. */
    private final ConcurrentMap<String, Counter> cache = new ConcurrentHashMap<>();
    private final Counter saved;

    UsageMetrics(MeterRegistry registry, ModelLabels models) {
        this.registry = registry;
        this.models = models;
        this.saved = Counter.builder("keyroute.cache.saved.usd")
                .description("What cache hits saved: the catalog cost of the calls they replaced, in US dollars")
                .register(registry);
    }

    @Override
    public void record(RequestRecord r) {
        String model = models.of(r);
        var series = new Series(r.provider() == null ? NONE : r.provider(), model == null ? NONE : model,
                String.valueOf(r.status()));
        Meters m = meters.computeIfAbsent(series, this::register);
        m.requests.increment();
        m.duration.record(r.latencyMicros(), TimeUnit.MICROSECONDS);
        if (r.timeToFirstTokenMicros() > 0) {
            m.ttft.record(r.timeToFirstTokenMicros(), TimeUnit.MICROSECONDS);
        }
        m.promptTokens.increment(r.usage().promptTokens());
        m.completionTokens.increment(r.usage().completionTokens());
        if (r.costMicros() != null) {
            m.cost.increment(r.costMicros() / 1_000_000.0);
        }
        if (r.cache() != null) {
            cache.computeIfAbsent(r.cache().status(), status -> Counter.builder("keyroute.cache.requests")
                    .description("Requests the answer cache saw, by what it did").tag("status", status)
                    .register(registry)).increment();
            saved.increment(r.cache().savedMicros() / 1_000_000.0);
        }
    }

    @Override
    public void limitRejected(String code) {
        Counter.builder("keyroute.limit.rejections").description("Requests refused by a rate limit or budget")
                .tag("code", code).register(registry).increment();
    }

    private Meters register(Series s) {
        return new Meters(
                Counter.builder("keyroute.requests").description("Finished inference requests")
                        .tags("provider", s.provider, "model", s.model, "status", s.status).register(registry),
                timer("keyroute.request.duration", "Request latency, end to end", s),
                timer("keyroute.time.to.first.token", "Time until the first byte of the answer was sent", s),
                tokens(s, "prompt"), tokens(s, "completion"),
                Counter.builder("keyroute.cost.usd").description("Catalog cost of the requests, in US dollars")
                        .tags("provider", s.provider, "model", s.model).register(registry));
    }

    private Timer timer(String name, String description, Series s) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS)
                .tags("provider", s.provider, "model", s.model).register(registry);
    }

    private Counter tokens(Series s, String direction) {
        return Counter.builder("keyroute.tokens").description("Tokens as the provider reported them")
                .tags("provider", s.provider, "model", s.model, "direction", direction).register(registry);
    }

    private record Series(String provider, String model, String status) {
    }

    private record Meters(Counter requests, Timer duration, Timer ttft, Counter promptTokens, Counter completionTokens,
                          Counter cost) {
    }
}
