package io.keyroute.server.inference.attempts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Which target and credential served each session last: bounded in entries (the least recently
 * used go first) and forgotten after an idle spell, per process. Losing an entry costs a cold
 * prompt cache, never a wrong answer, so neither bound needs to be shared between replicas.
 */
public final class SessionTable {
    private final Cache<SessionKey, KeptRoute> kept;

    /**
     * @param maxSessions at most this many sessions are remembered; 0 remembers none
     * @param idle        a session not used this long is forgotten
     * @param ticker      the cache's time: tests move it instead of waiting
     */
    public SessionTable(long maxSessions, Duration idle, Ticker ticker) {
        this.kept = Caffeine.newBuilder().maximumSize(maxSessions).expireAfterAccess(idle).ticker(ticker)
                .executor(Runnable::run).build();
    }

    public SessionTable(long maxSessions, Duration idle) {
        this(maxSessions, idle, Ticker.systemTicker());
    }

    public Optional<KeptRoute> get(SessionKey session) {
        return Optional.ofNullable(kept.getIfPresent(session));
    }

    public void keep(SessionKey session, KeptRoute route) {
        kept.put(session, route);
    }

    /** Sessions remembered now, evictions done. */
    public long size() {
        kept.cleanUp();
        return kept.estimatedSize();
    }
}
