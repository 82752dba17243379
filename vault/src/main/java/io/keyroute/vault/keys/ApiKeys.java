package io.keyroute.vault.keys;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.Ids;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.tenancy.CachedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keyroute keys: issued once in plaintext, stored as SHA-256, changed and revoked. Every change
 * that can narrow what a key may do (revocation, new limits, a deactivated user or workspace)
 * drops the key from the {@link KeyCache} here and, through the {@link RevocationBus}, on every
 * other replica.
 */
public final class ApiKeys implements CachedKeys {
    /** Live keys per user: enough for every laptop, CI job and service; a bound on what one user can make us store. */
    public static final int MAX_LIVE_KEYS_PER_USER = 100;
    private static final String COLUMNS = "id, user_id, name, masked, rpm, tpm, budget_usd, models, created_at, "
            + "revoked_at, expires_at";

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyMinter minter;
    private final KeyCache cache;

    public ApiKeys(Jdbc jdbc, AuditLog audit, Clock clock, KeyMinter minter, RevocationBus bus) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.minter = minter;
        this.cache = new KeyCache(jdbc, clock, bus);
    }

    public record Issued(ApiKey key, io.keyroute.api.Secret plaintext) {
    }

    /** Issues a key; 409 {@code too_many_keys} when the user already has {@link #MAX_LIVE_KEYS_PER_USER} live ones. */
    public Issued issue(String actor, String userId, String workspaceId, KeyRequest request) {
        String name = requireName(request.name());
        KeyMinter.Minted minted = minter.mint();
        Instant now = Times.now(clock);
        var key = new ApiKey(Ids.next("key"), userId, name, minted.key().masked(), request.rpm(), request.tpm(),
                request.budgetUsd(), request.models(), now, null, request.expiresAt());
        jdbc.inTransaction(tx -> {
            // The user's row is locked first, so concurrent issues count one after the other.
            tx.queryOne("SELECT id FROM users WHERE id = ?" + tx.dialect().forUpdate(), rs -> rs.getString(1), userId);
            long live = tx.queryOne("SELECT COUNT(*) FROM api_keys WHERE user_id = ? AND revoked_at IS NULL"
                    + " AND (expires_at IS NULL OR expires_at > ?)", rs -> rs.getLong(1), userId, Times.format(now))
                    .orElse(0L);
            if (live >= MAX_LIVE_KEYS_PER_USER) {
                throw new ClientError(ErrorType.CONFLICT, "too_many_keys", "This user already has " + live
                        + " live keys, the most a user may have. Revoke keys that are no longer used "
                        + "(DELETE /api/v1/keys/{id}) before issuing another.", null);
            }
            tx.update("INSERT INTO api_keys (id, user_id, name, key_hash, masked, rpm, tpm, budget_usd, models, created_at, "
                            + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    key.id(), userId, key.name(), minted.hash(), key.masked(), key.rpm(), key.tpm(), key.budgetUsd(),
                    String.join(",", key.models()), Times.format(key.createdAt()), Times.format(key.expiresAt()));
            audit.record(tx, actor, "key.issued", key.id(), workspaceId, key.masked() + expiry(key.expiresAt()));
            return null;
        });
        return new Issued(key, minted.key());
    }

    /** The user's keys that are not revoked (expired ones included, so they can be seen and revoked), oldest first. */
    public List<ApiKey> listForUser(String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? AND revoked_at IS NULL "
                + "ORDER BY created_at, id", ApiKeys::key, userId);
    }

    public Optional<ApiKey> find(String keyId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeys::key, keyId);
    }

    /** Replaces a live key's settings; the new ones apply at once, on every replica. */
    public ApiKey update(String actor, String keyId, String workspaceId, KeyRequest settings) {
        String name = requireName(settings.name());
        String hash = jdbc.inTransaction(tx -> {
            ApiKey before = tx.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE id = ? AND revoked_at IS NULL"
                    + tx.dialect().forUpdate(), ApiKeys::key, keyId).orElseThrow(() -> VaultErrors.notFound("key", keyId));
            tx.update("UPDATE api_keys SET name = ?, rpm = ?, tpm = ?, budget_usd = ?, models = ?, expires_at = ? "
                            + "WHERE id = ?", name, settings.rpm(), settings.tpm(), settings.budgetUsd(),
                    String.join(",", settings.models()), Times.format(settings.expiresAt()), keyId);
            audit.record(tx, actor, "key.changed", keyId, workspaceId, KeyChanges.describe(before.settings(), settings));
            return tx.queryOne("SELECT key_hash FROM api_keys WHERE id = ?", rs -> rs.getString(1), keyId).orElseThrow();
        });
        cache.drop(List.of(hash));
        return find(keyId).orElseThrow();
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
        cache.drop(List.of(hash));
    }

    /** The live key with this SHA-256, if any: not revoked, not expired, its user and workspace active. */
    public Optional<KeyPrincipal> authenticate(String keyHash) {
        return cache.authenticate(keyHash);
    }

    /**
     * Drops a user's keys from every replica's cache, after a change to the user (role,
     * deactivation) was committed: the next use reads the row again.
     */
    @Override
    public void forgetUser(String userId) {
        cache.drop(jdbc.query("SELECT key_hash FROM api_keys WHERE user_id = ? AND revoked_at IS NULL",
                rs -> rs.getString(1), userId));
    }

    /** The same for every key of a workspace's users (a plan change, a deactivation). */
    @Override
    public void forgetWorkspace(String workspaceId) {
        cache.drop(jdbc.query("SELECT k.key_hash FROM api_keys k JOIN users u ON u.id = k.user_id "
                + "WHERE u.workspace_id = ? AND k.revoked_at IS NULL", rs -> rs.getString(1), workspaceId));
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw VaultErrors.badRequest("name is required.", "name");
        }
        return name.trim();
    }

    private static String expiry(Instant expiresAt) {
        return expiresAt == null ? "" : ", expires " + Times.format(expiresAt);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5), rs.getObject(6) == null ? null : rs.getInt(6),
                rs.getObject(7) == null ? null : rs.getDouble(7), models(rs.getString(8)),
                Times.parse(rs.getString(9)), Times.parse(rs.getString(10)), Times.parse(rs.getString(11)));
    }

    static List<String> models(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
