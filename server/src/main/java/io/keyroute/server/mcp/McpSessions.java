package io.keyroute.server.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.server.auth.Caller;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code /mcp} sessions: ids a caller cannot guess, each usable only with the key that opened it, bounded in
 * count (the least recently used go first) and ended when idle.
 */
final class McpSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, McpSession> sessions;

    McpSessions(Duration idle, long max) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(max).build();
    }

    McpSession open(Caller caller, String protocolVersion) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        var session = new McpSession(HexFormat.of().formatHex(id), caller, protocolVersion);
        sessions.put(session.id(), session);
        return session;
    }

    /** The session, if it exists and is {@code caller}'s: another key's session reads as unknown. */
    Optional<McpSession> find(String id, Caller caller) {
        McpSession session = id == null ? null : sessions.getIfPresent(id);
        return session != null && session.caller().keyId().equals(caller.keyId()) ? Optional.of(session) : Optional.empty();
    }

    void end(McpSession session) {
        sessions.asMap().remove(session.id(), session);
    }
}
