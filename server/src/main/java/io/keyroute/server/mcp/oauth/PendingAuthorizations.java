package io.keyroute.server.mcp.oauth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorizations started and not yet completed, by their {@code state}: bound to the user who
 * started it, good for {@value #TTL_MINUTES} minutes and for one callback only. Held in this
 * process's memory (the PKCE verifier with them), at most {@value #MAX_PER_USER} per user and
 * {@value #MAX_TOTAL} in all: the callback must reach the replica that answered the start.
 */
final class PendingAuthorizations {
    static final int TTL_MINUTES = 10;
    static final int MAX_PER_USER = 10;
    static final int MAX_TOTAL = 10_000;

    /** One started authorization: whose, for which server, and what its callback needs. */
    record Pending(String userId, String workspaceId, String serverId, Pkce pkce, URI redirectUri, OAuthClient client,
                   Discovered discovered, Instant expiresAt) {
    }

    private final Map<String, Pending> byState = new ConcurrentHashMap<>();
    private final Clock clock;

    PendingAuthorizations(Clock clock) {
        this.clock = clock;
    }

    Instant expiry() {
        return clock.instant().plus(Duration.ofMinutes(TTL_MINUTES));
    }

    /** Keeps {@code pending} under a new random state, which it returns. */
    synchronized String add(Pending pending) {
        Instant now = clock.instant();
        byState.values().removeIf(p -> !p.expiresAt().isAfter(now));
        var mine = byState.entrySet().stream().filter(e -> e.getValue().userId().equals(pending.userId()))
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Pending::expiresAt))).toList();
        for (int i = 0; i <= mine.size() - MAX_PER_USER; i++) {
            byState.remove(mine.get(i).getKey());
        }
        if (byState.size() >= MAX_TOTAL) {
            throw new io.keyroute.api.error.ClientError(io.keyroute.api.error.ErrorType.UNAVAILABLE, "too_many_authorizations",
                    "Too many OAuth authorizations are in progress; try again in a few minutes.", null);
        }
        String state = Pkce.randomToken();
        byState.put(state, pending);
        return state;
    }

    /** The authorization {@code state} names, removed (a state is good once), if it is known and not expired. */
    Optional<Pending> take(String state) {
        if (state == null) {
            return Optional.empty();
        }
        Pending pending = byState.remove(state);
        return pending == null || !pending.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(pending);
    }
}
