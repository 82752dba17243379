package io.keyroute.vault.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.Ids;
import io.keyroute.vault.VaultErrors;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.tenancy.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keyroute keys: issued once in plaintext, stored as SHA-256, looked up by hash through a
 * Caffeine cache. Caffeine rather than a map with timestamps: it bounds the size (a flood of
 * distinct keys cannot grow memory) and expires entries without code of ours. Only live keys are
 * cached; a revocation drops the entry here at once and, through the {@link RevocationBus}, on
 * every other replica; the TTL is the safety net if a bus message is lost.
 */
public final class ApiKeys {
    private static final Duration TTL = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyMinter minter;
    private final RevocationBus bus;
    private final Cache<String, KeyPrincipal> byHash;
    /** Hashes revoked lately: a lookup that read the row just before the revocation must not re-cache it. */
    private final Cache<String, Boolean> revoked;

    public ApiKeys(Jdbc jdbc, AuditLog audit, Clock clock, KeyMinter minter, RevocationBus bus) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.minter = minter;
        this.bus = bus;
        this.byHash = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL).build();
        this.revoked = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL.multipliedBy(2)).build();
        bus.subscribe(this::forget);
    }

    public record Issued(ApiKey key, io.keyroute.api.Secret plaintext) {
    }

    public Issued issue(String actor, String userId, String workspaceId, KeyRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw VaultErrors.badRequest("name is required.", "name");
        }
        KeyMinter.Minted minted = minter.mint();
        var key = new ApiKey(Ids.next("key"), userId, request.name().trim(), minted.key().masked(), request.rpm(),
                request.tpm(), request.budgetUsd(), request.models(), Times.now(clock), null);
        jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO api_keys (id, user_id, name, key_hash, masked, rpm, tpm, budget_usd, models, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    key.id(), userId, key.name(), minted.hash(), key.masked(), key.rpm(), key.tpm(), key.budgetUsd(),
                    String.join(",", key.models()), Times.format(key.createdAt()));
            audit.record(tx, actor, "key.issued", key.id(), workspaceId, key.masked());
            return null;
        });
        return new Issued(key, minted.key());
    }

    public List<ApiKey> listForUser(String userId) {
        return jdbc.query("SELECT id, user_id, name, masked, rpm, tpm, budget_usd, models, created_at, revoked_at "
                + "FROM api_keys WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id", ApiKeys::key, userId);
    }

    public Optional<ApiKey> find(String keyId) {
        return jdbc.queryOne("SELECT id, user_id, name, masked, rpm, tpm, budget_usd, models, created_at, revoked_at "
                + "FROM api_keys WHERE id = ?", ApiKeys::key, keyId);
    }

    /** Revokes a live key: unusable here at once, on other replicas as soon as the bus delivers. */
    public void revoke(String actor, String keyId, String workspaceId) {
        String hash = jdbc.inTransaction(tx -> {
            Optional<String> found = tx.queryOne("SELECT key_hash FROM api_keys WHERE id = ? AND revoked_at IS NULL",
                    rs -> rs.getString(1), keyId);
            found.ifPresent(h -> {
                tx.update("UPDATE api_keys SET revoked_at = ? WHERE id = ?", Times.format(Times.now(clock)), keyId);
                audit.record(tx, actor, "key.revoked", keyId, workspaceId, null);
            });
            return found.orElseThrow(() -> VaultErrors.notFound("key", keyId));
        });
        forget(hash);
        bus.publish(hash);
    }

    /** The live key with this SHA-256, if any. */
    public Optional<KeyPrincipal> authenticate(String keyHash) {
        KeyPrincipal cached = byHash.getIfPresent(keyHash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<KeyPrincipal> found = jdbc.queryOne(
                "SELECT k.id, u.id, w.id, w.plan, u.role, k.models, k.rpm, k.tpm, k.budget_usd FROM api_keys k "
                        + "JOIN users u ON u.id = k.user_id JOIN workspaces w ON w.id = u.workspace_id "
                        + "WHERE k.key_hash = ? AND k.revoked_at IS NULL",
                rs -> new KeyPrincipal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Role.parse(rs.getString(5)), models(rs.getString(6)),
                        rs.getObject(7) == null ? null : rs.getInt(7), rs.getObject(8) == null ? null : rs.getInt(8),
                        rs.getObject(9) == null ? null : rs.getDouble(9)),
                keyHash);
        found.ifPresent(p -> {
            byHash.put(keyHash, p);
            if (revoked.getIfPresent(keyHash) != null) { // checked after the put: a racing revoke is never undone
                byHash.invalidate(keyHash);
            }
        });
        return found;
    }

    private void forget(String keyHash) {
        revoked.put(keyHash, Boolean.TRUE);
        byHash.invalidate(keyHash);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5), rs.getObject(6) == null ? null : rs.getInt(6),
                rs.getObject(7) == null ? null : rs.getDouble(7), models(rs.getString(8)),
                Times.parse(rs.getString(9)), Times.parse(rs.getString(10)));
    }

    private static List<String> models(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
