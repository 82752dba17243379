package io.keyroute.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts as a provider reports them, made safe to add and to price: a count is a whole number
 * from 0 to {@link #MAX}. A provider (or a caller's own {@code base_url}) reporting a negative count, a
 * fraction, a number beyond a long or beyond any context window gets it clamped, never an overflow
 * that turns a charge negative or a cost that no longer fits.
 */
public final class TokenCounts {
    /** Far above any model's context window and answer (the largest windows are ~10 M tokens). */
    public static final long MAX = 1_000_000_000L;

    private TokenCounts() {
    }

    public static long clamp(long count) {
        return Math.max(0, Math.min(count, MAX));
    }

    /** A count from JSON, read as {@link JsonNode#asLong(long)} reads it, except that it saturates rather than wraps. */
    public static long of(JsonNode node, long otherwise) {
        if (node.isBigInteger()) {
            return node.bigIntegerValue().signum() > 0 ? MAX : 0;
        }
        return clamp(node.asLong(otherwise));
    }

    public static long of(JsonNode node) {
        return of(node, 0);
    }
}
