package io.keyroute.server.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.keyroute.server.config.ExactCacheSettings;

/** Opens the exact cache's store its settings name: this process's memory, or Redis. */
public final class AnswerStores {
    static final String REDIS_PREFIX = "keyroute:cache:";

    private AnswerStores() {
    }

    /** @param redisUrl the {@code redis:} section's url, or null without one (the config check requires it for redis) */
    public static AnswerStore open(ExactCacheSettings settings, String redisUrl) {
        if ("redis".equals(settings.store()) && redisUrl != null) {
            return new RedisAnswerStore(redisUrl, REDIS_PREFIX, settings.maxAnswerBytes());
        }
        return memory(settings, Ticker.systemTicker());
    }

    /** In this process, on {@code ticker}'s time. */
    public static AnswerStore memory(ExactCacheSettings settings, Ticker ticker) {
        return new MemoryAnswerStore(settings.maxEntries(), settings.maxBytes(), settings.maxAnswerBytes(), ticker);
    }

    /** In Redis under {@code prefix} (tests keep apart by it). */
    public static AnswerStore redis(ExactCacheSettings settings, String redisUrl, String prefix) {
        return new RedisAnswerStore(redisUrl, prefix, settings.maxAnswerBytes());
    }
}
