package io.keyroute.server.config;

/**
 * {@code cache.exact}: the same caller scope and the same request answer with the stored answer.
 *
 * @param ttlS how long a stored answer is served, in seconds
 */
public record ExactCacheSettings(Boolean enabled, Long ttlS) {
    public static final ExactCacheSettings DEFAULT = new ExactCacheSettings(null, null);

    public ExactCacheSettings {
        enabled = enabled != null && enabled;
        ttlS = ttlS == null ? 3600L : ttlS;
    }
}
