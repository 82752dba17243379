package io.keyroute.server.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.keyroute.routing.health.Health;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.McpServerSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The upstream sessions, one per (caller's key, server), never shared between keys: bounded in count, ended when
 * idle, and dropped after a failure so the next request starts afresh. A server whose settings changed (a reload)
 * gets a new session.
 */
final class Upstreams implements AutoCloseable {
    private final UpstreamClients clients;
    private final Health breakers;
    private final Cache<Key, UpstreamSession> sessions;

    Upstreams(UpstreamClients clients, Health breakers, Duration idle, long maxSessions) {
        this.clients = clients;
        this.breakers = breakers;
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(maxSessions)
                .<Key, UpstreamSession>removalListener((key, session, cause) -> {
                    if (session != null && cause != RemovalCause.REPLACED) {
                        session.close();
                    }
                })
                .build();
    }

    /** A request on the caller's session with the server; a failure ends that session (the next request opens one). */
    <T> T request(Caller caller, McpServerSettings server, Function<UpstreamSession, T> call) {
        var key = new Key(caller.keyId(), server);
        UpstreamSession session = sessions.get(key, k -> open(caller, server));
        try {
            return call.apply(session);
        } catch (UpstreamFailure failed) {
            sessions.asMap().remove(key, session);
            throw failed;
        }
    }

    private UpstreamSession open(Caller caller, McpServerSettings server) {
        var relay = new AtomicReference<UpstreamSession>();
        var session = new UpstreamSession(server.id(), clients.open(caller, server, n -> {
            UpstreamSession to = relay.get();
            if (to != null) {
                to.relay(n);
            }
        }), breakers.provider(server.id()));
        relay.set(session);
        return session;
    }

    /** Held now (for tests and a gauge). */
    long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    @Override
    public void close() {
        sessions.invalidateAll();
        sessions.cleanUp();
    }

    private record Key(String keyId, McpServerSettings server) {
    }
}
