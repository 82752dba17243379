package io.keyroute.server.config;

import java.util.List;

/**
 * {@code cache.exact}: the same caller scope and the same request answer with the stored answer.
 *
 * @param ttlS             how long a stored answer is served, in seconds (a route may set its own)
 * @param store            {@code memory} (this process, the default) or {@code redis} (the {@code redis:} section's
 *                         server, shared by every replica); read at start
 * @param scope            {@code workspace} (the default: the workspace's callers share answers) or {@code user}
 *                         (each user their own)
 * @param maxEntries       at most this many answers are kept in this process (Redis: its own memory policy)
 * @param maxBytes         at most about this many bytes of answers are kept in this process
 * @param maxAnswerBytes   an answer larger than this is not stored (in either store)
 * @param nondeterministic whether requests sampled at random (no {@code temperature: 0}, no {@code seed}) are
 *                         cached; a route's own setting overrides it
 */
public record ExactCacheSettings(Boolean enabled, Long ttlS, String store, String scope, Long maxEntries,
                                 Long maxBytes, Long maxAnswerBytes, Boolean nondeterministic) {
    public static final ExactCacheSettings DEFAULT = new ExactCacheSettings(null, null);
    public static final List<String> STORES = List.of("memory", "redis");
    public static final List<String> SCOPES = List.of("workspace", "user");

    public ExactCacheSettings {
        enabled = enabled != null && enabled;
        ttlS = ttlS == null ? 3600L : ttlS;
        store = store == null ? "memory" : store;
        scope = scope == null ? "workspace" : scope;
        maxEntries = maxEntries == null ? 10_000L : maxEntries;
        maxBytes = maxBytes == null ? 64L * 1024 * 1024 : maxBytes;
        maxAnswerBytes = maxAnswerBytes == null ? 1024L * 1024 : maxAnswerBytes;
        nondeterministic = nondeterministic != null && nondeterministic;
    }

    public ExactCacheSettings(Boolean enabled, Long ttlS) {
        this(enabled, ttlS, null, null, null, null, null, null);
    }

    /** Whether each user has answers of their own. */
    public boolean perUser() {
        return "user".equals(scope);
    }
}
