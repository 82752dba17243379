package io.keyroute.routing.health;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.catalog.Target;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent time-to-first-byte per target and per provider, fed by every successful attempt: what
 * the latency strategy and {@code GET /api/v1/providers} read. A caller may name any model of a
 * provider, so the targets' windows are a bounded cache (the least used go first); the
 * providers' are the config's.
 */
public final class LatencyRecorder {
    /** Far more targets than any config routes to, few enough that a flood of made-up names stays small. */
    static final int MAX_TARGETS = 2_048;
    /** Enough samples for a steady median; few enough that it follows a provider's changes. */
    private static final int WINDOW = 64;

    private final Cache<Target, LatencyWindow> targets = Caffeine.newBuilder().maximumSize(MAX_TARGETS)
            .executor(Runnable::run).build();
    private final ConcurrentHashMap<String, LatencyWindow> providers = new ConcurrentHashMap<>();

    public void record(Target target, long millis) {
        targets.get(target, t -> new LatencyWindow(WINDOW)).add(millis);
        providers.computeIfAbsent(target.providerId(), p -> new LatencyWindow(WINDOW)).add(millis);
    }

    public OptionalLong p50(Target target) {
        return p50(targets.getIfPresent(target));
    }

    public OptionalLong providerP50(String providerId) {
        return p50(providers.get(providerId));
    }

    /** How many targets have a window (at most {@link #MAX_TARGETS}). */
    long targetWindows() {
        targets.cleanUp();
        return targets.estimatedSize();
    }

    private static OptionalLong p50(LatencyWindow window) {
        return window == null ? OptionalLong.empty() : window.p50();
    }
}
