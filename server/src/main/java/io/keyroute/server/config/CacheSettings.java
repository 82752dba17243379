package io.keyroute.server.config;

/**
 * The {@code cache:} section: the exact answer cache and the semantic one, each off unless enabled.
 * A route narrows or widens them with its own {@link RouteCacheSettings}.
 */
public record CacheSettings(ExactCacheSettings exact, SemanticCacheSettings semantic) {
    public static final CacheSettings DEFAULT = new CacheSettings(null, null);

    public CacheSettings {
        exact = exact == null ? ExactCacheSettings.DEFAULT : exact;
        semantic = semantic == null ? SemanticCacheSettings.DEFAULT : semantic;
    }

    /** Whether either cache is on: every answer then says what the cache did ({@code x-keyroute-cache}). */
    public boolean enabled() {
        return exact.enabled() || semantic.enabled();
    }
}
