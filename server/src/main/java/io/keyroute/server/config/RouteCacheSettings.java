package io.keyroute.server.config;

/**
 * A route's {@code cache:}: what it changes of the {@code cache:} section for the requests it serves; null
 * fields leave the section's setting.
 *
 * @param ttlS             the exact cache's time to live for this route's answers
 * @param nondeterministic whether requests sampled at random (temperature above 0 without a seed) are cached
 * @param semantic         whether the semantic cache serves this route (it is opt-in per route)
 */
public record RouteCacheSettings(Long ttlS, Boolean nondeterministic, Boolean semantic) {
    public static final RouteCacheSettings DEFAULT = new RouteCacheSettings(null, null, null);
}
