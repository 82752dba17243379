package io.keyroute.vault.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.tenancy.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Live keys looked up by hash through a Caffeine cache. Caffeine rather than a map with
 * timestamps: it bounds the size (a flood of distinct keys cannot grow memory) and expires entries
 * without code of ours. A dropped key (revoked, changed, its user or workspace deactivated) leaves
 * the cache here at once and, through the {@link RevocationBus}, on every other replica; the TTL
 * is the safety net if a bus message is lost. Expiry is checked on every use, cached or not.
 */
final class KeyCache {
    private static final Duration TTL = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final Clock clock;
    private final RevocationBus bus;
    private final Cache<String, KeyPrincipal> byHash;
    /** Hashes dropped lately: a lookup that read the row just before the change must not re-cache it. */
    private final Cache<String, Boolean> dropped;

    KeyCache(Jdbc jdbc, Clock clock, RevocationBus bus) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bus = bus;
        this.byHash = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL).build();
        this.dropped = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL.multipliedBy(2)).build();
        bus.subscribe(this::forget);
    }

    Optional<KeyPrincipal> authenticate(String keyHash) {
        KeyPrincipal principal = byHash.getIfPresent(keyHash);
        if (principal == null) {
            principal = load(keyHash).orElse(null);
        }
        if (principal == null || principal.expiresAt() != null && !clock.instant().isBefore(principal.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    /** Drops these hashes here and on every replica (after the change that requires it was committed). */
    void drop(List<String> keyHashes) {
        for (String hash : keyHashes) {
            forget(hash);
            bus.publish(hash);
        }
    }

    private Optional<KeyPrincipal> load(String keyHash) {
        Optional<KeyPrincipal> found = jdbc.queryOne(
                "SELECT k.id, u.id, w.id, w.plan, u.role, k.models, k.rpm, k.tpm, k.budget_usd, k.expires_at "
                        + "FROM api_keys k JOIN users u ON u.id = k.user_id JOIN workspaces w ON w.id = u.workspace_id "
                        + "WHERE k.key_hash = ? AND k.revoked_at IS NULL AND u.deactivated_at IS NULL "
                        + "AND w.deactivated_at IS NULL",
                rs -> new KeyPrincipal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Role.parse(rs.getString(5)), ApiKeys.models(rs.getString(6)),
                        rs.getObject(7) == null ? null : rs.getInt(7), rs.getObject(8) == null ? null : rs.getInt(8),
                        rs.getObject(9) == null ? null : rs.getDouble(9), Times.parse(rs.getString(10))),
                keyHash);
        found.ifPresent(p -> {
            byHash.put(keyHash, p);
            if (dropped.getIfPresent(keyHash) != null) { // checked after the put: a racing drop is never undone
                byHash.invalidate(keyHash);
            }
        });
        return found;
    }

    private void forget(String keyHash) {
        dropped.put(keyHash, Boolean.TRUE);
        byHash.invalidate(keyHash);
    }
}
