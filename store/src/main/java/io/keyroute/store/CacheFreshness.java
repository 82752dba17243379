package io.keyroute.store;

import java.time.Duration;

/**
 * How long rows read from the database (credential pools, unsealed keys, budget limits) may be
 * served from a replica's cache, which these are read on every request. A cache refreshes an entry
 * in the background once it is {@link #refreshAfter} old, so steady traffic never waits for the
 * database, and never serves it once it is {@link #expireAfter} old. A change made through this
 * process clears its caches at once either way; the bounds are for changes it cannot see.
 */
public record CacheFreshness(Duration refreshAfter, Duration expireAfter) {
    /**
     * Several replicas write one database (PostgreSQL): another replica's change, such as a
     * deleted credential, applies here within a second, the bound DESIGN sets.
     */
    public static final CacheFreshness SHARED = new CacheFreshness(Duration.ofMillis(500), Duration.ofSeconds(1));
    /**
     * One serving process owns the database (SQLite: the in-process budget counters already rely
     * on it): every change goes through this process, and the expiry is only a safety net. With a
     * one-second bound here, a request after a second's pause read five rows and decrypted a key
     * before calling the provider (about 1 ms of a streamed answer's time to first event).
     */
    public static final CacheFreshness OWNED = new CacheFreshness(Duration.ofSeconds(30), Duration.ofMinutes(1));

    public CacheFreshness {
        if (refreshAfter.compareTo(expireAfter) >= 0) {
            throw new IllegalArgumentException("refreshAfter must be shorter than expireAfter");
        }
    }

    /** {@link #OWNED} for SQLite, {@link #SHARED} for PostgreSQL. */
    public static CacheFreshness of(Dialect dialect) {
        return dialect == Dialect.SQLITE ? OWNED : SHARED;
    }
}
