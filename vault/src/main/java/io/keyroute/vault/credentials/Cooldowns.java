package io.keyroute.vault.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key pools: credentials that were just rate limited rest for a while, and the next attempt (the
 * same request's retry, or the next request) takes the next credential of the pool. A 429 rests
 * a key for its Retry-After, else {@link #DEFAULT}; a spent quota ({@code insufficient_quota},
 * 402) for {@link #QUOTA}: it will not come back within seconds, and probing it every half minute
 * would cost each pooled request a failed attempt. Per replica on purpose: a 429 is a signal about
 * the near future, and each replica learns it from its own calls.
 */
public final class Cooldowns {
    static final Duration DEFAULT = Duration.ofSeconds(30);
    static final Duration QUOTA = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public Cooldowns(Clock clock) {
        this.clock = clock;
    }

    public void rateLimited(String credentialId, Duration retryAfter) {
        Duration rest = retryAfter == null || retryAfter.isZero() || retryAfter.isNegative() ? DEFAULT : retryAfter;
        until.put(credentialId, clock.instant().plus(rest));
    }

    public void quotaExhausted(String credentialId) {
        until.put(credentialId, clock.instant().plus(QUOTA));
    }

    /** The first credential not resting, in pool order; if all rest, the one that is free soonest. */
    StoredCredential pick(List<StoredCredential> pool) {
        Instant now = clock.instant();
        until.values().removeIf(t -> !t.isAfter(now));
        return pool.stream().filter(c -> !until.containsKey(c.id())).findFirst()
                .orElseGet(() -> pool.stream().min(Comparator.comparing(c -> until.getOrDefault(c.id(), now))).orElseThrow());
    }
}
