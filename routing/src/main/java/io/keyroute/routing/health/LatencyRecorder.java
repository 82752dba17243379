package io.keyroute.routing.health;

import io.keyroute.routing.Target;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent time-to-first-byte per target and per provider, fed by every successful attempt: what
 * the latency strategy and {@code GET /api/v1/providers} read.
 */
public final class LatencyRecorder {
    /** Enough samples for a steady median; few enough that it follows a provider's changes. */
    private static final int WINDOW = 64;

    private final ConcurrentHashMap<String, LatencyWindow> windows = new ConcurrentHashMap<>();

    public void record(Target target, long millis) {
        window(target.qualified()).add(millis);
        window(target.providerId() + "/").add(millis);
    }

    public OptionalLong p50(Target target) {
        return p50Of(target.qualified());
    }

    public OptionalLong providerP50(String providerId) {
        return p50Of(providerId + "/");
    }

    private OptionalLong p50Of(String key) {
        LatencyWindow w = windows.get(key);
        return w == null ? OptionalLong.empty() : w.p50();
    }

    private LatencyWindow window(String key) {
        return windows.computeIfAbsent(key, k -> new LatencyWindow(WINDOW));
    }
}
