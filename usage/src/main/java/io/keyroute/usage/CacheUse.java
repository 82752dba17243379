package io.keyroute.usage;

/**
 * What the answer cache did for one request.
 *
 * @param status      {@code hit} (answered from the cache, at no cost), {@code miss} (answered by a provider, and
 *                    stored if it completed) or {@code bypass} (the cache was not asked: the caller said so, or the
 *                    request is not cacheable)
 * @param savedMicros a hit's saving: what the call it replaced cost, in micro-dollars; 0 otherwise
 * @param similarity  a semantic hit's similarity to the stored prompt (0..1); null for an exact hit and otherwise
 */
public record CacheUse(String status, long savedMicros, Double similarity) {
    public static final CacheUse MISS = new CacheUse("miss", 0, null);
    public static final CacheUse BYPASS = new CacheUse("bypass", 0, null);

    /** @param similarity null for an exact hit */
    public static CacheUse hit(long savedMicros, Double similarity) {
        return new CacheUse("hit", savedMicros, similarity);
    }

    public boolean hit() {
        return "hit".equals(status);
    }
}
