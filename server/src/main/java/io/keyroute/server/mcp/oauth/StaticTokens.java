package io.keyroute.server.mcp.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.api.Secret;
import io.keyroute.server.auth.Caller;
import io.keyroute.store.CacheFreshness;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.Owner;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What {@link VaultUpstreamAuthorization} found for a caller and an MCP server when it needs no
 * refreshing: a static token, or no credential at all. Without it each {@code /mcp} call read two
 * credential pools and decrypted the token (about 121 µs on SQLite). A committed change to an
 * owner's MCP credentials on this replica (stored, rotated, deactivated, deleted; the vault's
 * {@link Credentials#onChange}) drops that owner's entries at once, so the next call reads them
 * again; another replica's change applies within the database's {@link CacheFreshness} bound (a
 * second on PostgreSQL), as with provider credentials. Tokens are kept as {@link Secret}s, which
 * never print their value.
 */
final class StaticTokens {
    private final Cache<Asked, Optional<Secret>> byCaller;
    /** Bumped by every change: a look-up that read the database while one was committed keeps nothing. */
    private final AtomicLong changes = new AtomicLong();

    StaticTokens(Credentials credentials, CacheFreshness freshness) {
        this.byCaller = Caffeine.newBuilder().expireAfterWrite(freshness.expireAfter()).maximumSize(100_000).build();
        credentials.onChange(this::forget);
    }

    /** What a look-up found: the token to send (if any), and whether it may be kept (not an OAuth access token). */
    record Resolved(Optional<Secret> token, boolean keep) {
        static final Resolved NONE = new Resolved(Optional.empty(), true);

        static Resolved kept(Secret token) {
            return new Resolved(Optional.of(token), true);
        }

        static Resolved once(Secret token) {
            return new Resolved(Optional.of(token), false);
        }
    }

    /** The {@code Authorization} header for the caller's requests to the server: kept, else {@code lookUp}'s. */
    Optional<String> header(Caller caller, String serverId, Supplier<Resolved> lookUp) {
        Asked asked = new Asked(caller.userId(), caller.workspaceId(), serverId);
        Optional<Secret> kept = byCaller.getIfPresent(asked);
        if (kept != null) {
            return bearer(kept);
        }
        long seen = changes.get();
        Resolved found = lookUp.get();
        if (found.keep()) {
            byCaller.put(asked, found.token());
            if (changes.get() != seen) { // checked after the put: a change racing the look-up is never undone
                byCaller.invalidate(asked);
            }
        }
        return bearer(found.token());
    }

    /** Drops what is kept for the caller and server: the server refused it (changed on another replica, perhaps). */
    void forget(Caller caller, String serverId) {
        byCaller.invalidate(new Asked(caller.userId(), caller.workspaceId(), serverId));
    }

    private void forget(Owner owner) {
        changes.incrementAndGet();
        byCaller.asMap().keySet().removeIf(asked -> asked.reads(owner));
    }

    private static Optional<String> bearer(Optional<Secret> token) {
        return token.map(t -> "Bearer " + t.reveal());
    }

    /** Whose credentials a look-up reads: the caller's own, then their workspace's, for one server. */
    private record Asked(String userId, String workspaceId, String serverId) {
        boolean reads(Owner owner) {
            return owner.equals(Owner.user(userId)) || owner.equals(Owner.workspace(workspaceId));
        }
    }
}
