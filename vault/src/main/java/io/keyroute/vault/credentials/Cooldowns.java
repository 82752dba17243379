package io.keyroute.vault.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key pools: credentials that were just rate limited (429 or quota) rest for a while, and the
 * next request takes the next credential of the pool. Per replica on purpose: a 429 is a
 * signal about the near future, and each replica learns it from its own calls within a request.
 */
public final class Cooldowns {
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public Cooldowns(Clock clock) {
        this.clock = clock;
    }

    public void rateLimited(String credentialId, Duration retryAfter) {
        Duration rest = retryAfter == null || retryAfter.isZero() || retryAfter.isNegative() ? DEFAULT : retryAfter;
        until.put(credentialId, clock.instant().plus(rest));
    }

    /** The first credential not resting, in pool order; if all rest, the one that is free soonest. */
    StoredCredential pick(List<StoredCredential> pool) {
        Instant now = clock.instant();
        until.values().removeIf(t -> !t.isAfter(now));
        return pool.stream().filter(c -> !until.containsKey(c.id())).findFirst()
                .orElseGet(() -> pool.stream().min(Comparator.comparing(c -> until.getOrDefault(c.id(), now))).orElseThrow());
    }
}
