package io.keyroute.server.config;

import io.keyroute.server.config.KeyrouteConfig.RouteSettings;

/** Checks the {@code cache:} section and the routes' {@code cache:}: stores, scopes, bounds and times to live. */
final class CacheConfigCheck {
    /** Thirty days: a bound on what a typo in the config keeps. */
    private static final long MAX_TTL_S = 30L * 24 * 3600;

    private CacheConfigCheck() {
    }

    static void check(KeyrouteConfig config, ConfigValidator.Problems problems) {
        ExactCacheSettings exact = config.cache().exact();
        ConfigValidator.oneOf("cache.exact.store", exact.store(), ExactCacheSettings.STORES, problems);
        ConfigValidator.oneOf("cache.exact.scope", exact.scope(), ExactCacheSettings.SCOPES, problems);
        if ("redis".equals(exact.store()) && config.redis() == null) {
            problems.add("cache.exact.store", "'redis' needs the redis: section (its url)");
        }
        ttl("cache.exact.ttl_s", exact.ttlS(), problems);
        atLeastOne("cache.exact.max_entries", exact.maxEntries(), problems);
        atLeastOne("cache.exact.max_bytes", exact.maxBytes(), problems);
        atLeastOne("cache.exact.max_answer_bytes", exact.maxAnswerBytes(), problems);
        if (exact.maxAnswerBytes() > exact.maxBytes()) {
            problems.add("cache.exact.max_answer_bytes", "must be at most max_bytes (" + exact.maxBytes() + ")");
        }
        for (int i = 0; i < config.routes().size(); i++) {
            RouteSettings route = config.routes().get(i);
            if (route.cache().ttlS() != null) {
                ttl("routes[" + i + "].cache.ttl_s", route.cache().ttlS(), problems);
            }
        }
    }

    private static void ttl(String path, long seconds, ConfigValidator.Problems problems) {
        if (seconds < 1 || seconds > MAX_TTL_S) {
            problems.add(path, seconds + " is not in 1.." + MAX_TTL_S + " seconds");
        }
    }

    private static void atLeastOne(String path, long value, ConfigValidator.Problems problems) {
        if (value < 1) {
            problems.add(path, "must be at least 1");
        }
    }
}
