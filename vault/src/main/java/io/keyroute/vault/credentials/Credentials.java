package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;
import io.keyroute.store.Jdbc;
import io.keyroute.store.StoreException;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.Ids;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.crypto.Envelope;
import io.keyroute.vault.crypto.Sealed;
import io.keyroute.vault.net.BaseUrlGuard;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;

/**
 * Credentials of users and workspaces, of one {@link Kind} (a provider's keys, or an upstream MCP
 * server's tokens): stored envelope-encrypted, shown masked, rotated as new versions (the old
 * one's secret destroyed), soft-deleted by destroying every version's ciphertext and data key.
 * Every lookup is scoped to an owner and the kind, so another owner's id, or a credential of the
 * other kind, is indistinguishable from an absent one.
 */
public final class Credentials {
    /** What a credential is for: {@code provider} names a provider (LLM) or an MCP server (MCP). */
    public enum Kind { LLM, MCP }

    /**
     * How a stored secret is shown and what form it has: {@code masked} the mask shown for it,
     * {@code authType} and {@code expiresAt} an MCP credential's form and its access token's expiry
     * (null for a provider key).
     */
    public record SecretForm(String masked, String authType, java.time.Instant expiresAt) {
        static SecretForm of(Secret key) {
            return new SecretForm(key.masked(), null, null);
        }
    }

    /**
     * What a version that may never be used again keeps of its secret: nothing (the database's
     * secure_delete overwrites the old bytes on SQLite). The ciphertext column is NOT NULL, so empty.
     */
    private static final String SHRED = "ciphertext = '', wrapped_key = NULL, master_key_id = NULL";
    private static final String COLUMNS = "id, owner_type, owner_id, provider, name, masked_key, base_url, is_default, "
            + "is_active, version, created_at, updated_at, validated_at, last_error";

    private final Kind kind;
    private final Jdbc jdbc;
    private final Envelope envelope;
    private final AuditLog audit;
    private final Clock clock;
    private final ProviderDirectory providers;
    private final BaseUrlGuard guard;
    private final CredentialCheck check;
    private final List<Consumer<Owner>> changeListeners = new CopyOnWriteArrayList<>();

    public Credentials(Jdbc jdbc, Envelope envelope, AuditLog audit, Clock clock, ProviderDirectory providers,
                       BaseUrlGuard guard, CredentialCheck check) {
        this(Kind.LLM, jdbc, envelope, audit, clock, providers, guard, check);
    }

    /** @param providers what {@code provider} may name for this kind, and the secrets' shape there */
    public Credentials(Kind kind, Jdbc jdbc, Envelope envelope, AuditLog audit, Clock clock, ProviderDirectory providers,
                       BaseUrlGuard guard, CredentialCheck check) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.envelope = envelope;
        this.audit = audit;
        this.clock = clock;
        this.providers = providers;
        this.guard = guard;
        this.check = check;
    }

    /** Called with the owner after each committed change to its credentials (for caches). */
    public void onChange(Consumer<Owner> listener) {
        changeListeners.add(listener);
    }

    private void changed(Owner owner) {
        changeListeners.forEach(listener -> listener.accept(owner));
    }

    /** A usable credential's plaintext and its form, for the one request that needs it. */
    public record Unsealed(StoredCredential credential, Secret apiKey, SecretForm form) {
    }

    public StoredCredential create(String actor, Owner owner, String workspaceId, NewCredential input) {
        return create(actor, owner, workspaceId, input, input.apiKey() == null ? null : SecretForm.of(input.apiKey()));
    }

    /** Creates a credential whose secret is shown and described as {@code form} says. */
    public StoredCredential create(String actor, Owner owner, String workspaceId, NewCredential input, SecretForm form) {
        if (input.provider() == null || input.apiKey() == null) {
            throw VaultErrors.badRequest("provider and api_key are required.", input.provider() == null ? "provider" : "api_key");
        }
        ProviderInfo provider = provider(input.provider());
        checkShape(provider, input.apiKey());
        String baseUrl = input.baseUrl() == null || input.baseUrl().isBlank() ? null : guard.check(input.baseUrl()).toString();
        String name = input.name() == null || input.name().isBlank() ? provider.id() : input.name().trim();
        String id = Ids.next("cred");
        String now = Times.format(Times.now(clock));
        String masked = form.masked();
        conflictOnName(name, () -> jdbc.inTransaction(tx -> {
            lockOwner(tx, owner);
            tx.update("INSERT INTO credentials (" + COLUMNS + ", deleted_at, kind, auth_type, expires_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, TRUE, 1, ?, ?, NULL, NULL, NULL, ?, ?, ?)",
                    id, owner.type().name(), owner.id(), provider.id(), name, masked, baseUrl, now, now, kind.name(),
                    form.authType(), form.expiresAt() == null ? null : Times.format(form.expiresAt()));
            insertVersion(tx, owner, id, 1, input.apiKey(), masked, now);
            boolean makeDefault = input.isDefault() != null ? input.isDefault() : !hasDefault(tx, owner, provider.id());
            if (makeDefault) {
                setDefault(tx, owner, id, provider.id());
            }
            audit.record(tx, actor, "credential.created", id, workspaceId, subject(provider.id()) + " " + masked);
            return null;
        }));
        changed(owner);
        return get(owner, id);
    }

    public List<StoredCredential> list(Owner owner) {
        return jdbc.query("SELECT " + COLUMNS + " FROM credentials WHERE owner_type = ? AND owner_id = ? AND kind = ? "
                + "AND deleted_at IS NULL ORDER BY created_at, id", Credentials::row, owner.type().name(), owner.id(), kind.name());
    }

    public StoredCredential get(Owner owner, String id) {
        return find(jdbc, owner, id).orElseThrow(() -> VaultErrors.notFound("credential", id));
    }

    public StoredCredential update(String actor, Owner owner, String workspaceId, String id, CredentialPatch patch) {
        StoredCredential current = get(owner, id);
        ProviderInfo provider = provider(current.provider());
        if (patch.apiKey() != null) {
            checkShape(provider, patch.apiKey());
        }
        String name = patch.name() == null || patch.name().isBlank() ? current.name() : patch.name().trim();
        conflictOnName(name, () -> jdbc.inTransaction(tx -> {
            lockOwner(tx, owner);
            String now = Times.format(Times.now(clock));
            StoredCredential live = find(tx, owner, id).orElseThrow(() -> VaultErrors.notFound("credential", id));
            tx.update("UPDATE credentials SET name = ?, updated_at = ? WHERE id = ?", name, now, id);
            if (patch.apiKey() != null) {
                newVersion(tx, actor, owner, workspaceId, live, patch.apiKey(), SecretForm.of(patch.apiKey()), "credential.rotated", now);
            }
            if (patch.isActive() != null && patch.isActive() != live.isActive()) {
                tx.update("UPDATE credentials SET is_active = ? WHERE id = ?", patch.isActive(), id);
                audit.record(tx, actor, patch.isActive() ? "credential.activated" : "credential.deactivated", id, workspaceId, null);
            }
            if (Boolean.TRUE.equals(patch.isDefault())) {
                setDefault(tx, owner, id, live.provider());
            } else if (Boolean.FALSE.equals(patch.isDefault())) {
                tx.update("UPDATE credentials SET is_default = FALSE WHERE id = ?", id);
            }
            return null;
        }));
        changed(owner);
        return get(owner, id);
    }

    /**
     * Stores {@code secret} as the credential's next version (the current one's secret destroyed),
     * recorded in the audit as {@code action}, only while the credential is still at
     * {@code expectedVersion}: empty when another writer got there first (a concurrent refresh).
     */
    public Optional<StoredCredential> rotate(String actor, Owner owner, String workspaceId, String id, int expectedVersion,
                                             Secret secret, SecretForm form, String action) {
        boolean stored = jdbc.inTransaction(tx -> {
            lockOwner(tx, owner);
            StoredCredential live = find(tx, owner, id).orElseThrow(() -> VaultErrors.notFound("credential", id));
            if (live.version() != expectedVersion) {
                return false;
            }
            newVersion(tx, actor, owner, workspaceId, live, secret, form, action, Times.format(Times.now(clock)));
            return true;
        });
        if (!stored) {
            return Optional.empty();
        }
        changed(owner);
        return Optional.of(get(owner, id));
    }

    /**
     * Deactivates the credential if it is still at {@code expectedVersion}: false when another
     * writer stored a newer version first (whose secret then stands).
     */
    public boolean deactivateAt(String actor, Owner owner, String workspaceId, String id, int expectedVersion) {
        boolean done = jdbc.inTransaction(tx -> {
            lockOwner(tx, owner);
            StoredCredential live = find(tx, owner, id).orElseThrow(() -> VaultErrors.notFound("credential", id));
            if (live.version() != expectedVersion) {
                return false;
            }
            tx.update("UPDATE credentials SET is_active = FALSE, updated_at = ? WHERE id = ?", Times.format(Times.now(clock)), id);
            audit.record(tx, actor, "credential.deactivated", id, workspaceId, "version " + expectedVersion);
            return true;
        });
        if (done) {
            changed(owner);
        }
        return done;
    }

    private void newVersion(Jdbc tx, String actor, Owner owner, String workspaceId, StoredCredential live, Secret secret,
                            SecretForm form, String action, String now) {
        int version = live.version() + 1;
        String id = live.id();
        tx.update("UPDATE credential_versions SET retired_at = ?, " + SHRED + " WHERE credential_id = ? AND retired_at IS NULL",
                now, id);
        insertVersion(tx, owner, id, version, secret, form.masked(), now);
        tx.update("UPDATE credentials SET version = ?, masked_key = ?, validated_at = NULL, last_error = NULL, updated_at = ?, "
                        + "auth_type = ?, expires_at = ? WHERE id = ?",
                version, form.masked(), now, form.authType(), form.expiresAt() == null ? null : Times.format(form.expiresAt()), id);
        audit.record(tx, actor, action, id, workspaceId, "version " + version + " " + form.masked());
    }

    /** An MCP credential's form and expiry (the columns provider credentials leave NULL). */
    public SecretForm form(Owner owner, String id) {
        return jdbc.queryOne("SELECT masked_key, auth_type, expires_at FROM credentials WHERE id = ? AND owner_type = ? "
                        + "AND owner_id = ? AND kind = ? AND deleted_at IS NULL",
                rs -> new SecretForm(rs.getString(1), rs.getString(2), Times.parse(rs.getString(3))),
                id, owner.type().name(), owner.id(), kind.name()).orElseThrow(() -> VaultErrors.notFound("credential", id));
    }

    /** Soft delete: the row and its audit trail stay; every version's ciphertext and data key are destroyed. */
    public void delete(String actor, Owner owner, String workspaceId, String id) {
        jdbc.inTransaction(tx -> {
            StoredCredential live = find(tx, owner, id).orElseThrow(() -> VaultErrors.notFound("credential", id));
            String now = Times.format(Times.now(clock));
            tx.update("UPDATE credentials SET deleted_at = ?, updated_at = ?, is_active = FALSE, is_default = FALSE WHERE id = ?",
                    now, now, id);
            tx.update("UPDATE credential_versions SET " + SHRED + ", retired_at = COALESCE(retired_at, ?) WHERE credential_id = ?",
                    now, id);
            audit.record(tx, actor, "credential.deleted", id, workspaceId, subject(live.provider()) + " " + live.maskedKey());
            return null;
        });
        changed(owner);
    }

    /** Calls the provider with the key and records the outcome on the credential. */
    public StoredCredential validate(String actor, Owner owner, String workspaceId, String id) {
        Unsealed unsealed = unseal(owner, id);
        StoredCredential credential = unsealed.credential();
        ProviderInfo provider = provider(credential.provider());
        URI base = credential.baseUrl() != null ? guard.check(credential.baseUrl()) : provider.baseUrl();
        Optional<String> failure = check.check(provider, base, unsealed.apiKey());
        String now = Times.format(Times.now(clock));
        jdbc.inTransaction(tx -> {
            if (failure.isEmpty()) {
                tx.update("UPDATE credentials SET validated_at = ?, last_error = NULL WHERE id = ?", now, id);
            } else {
                tx.update("UPDATE credentials SET last_error = ? WHERE id = ?", failure.get(), id);
            }
            audit.record(tx, actor, "credential.validated", id, workspaceId, failure.map(f -> "failed: " + f).orElse("ok"));
            return null;
        });
        return get(owner, id);
    }

    /** The plaintext of a live credential of {@code owner}. */
    public Unsealed unseal(Owner owner, String id) {
        // One statement reads the row and its current version, so a rotation committed meanwhile
        // (which destroys the version it replaces) is seen whole or not at all.
        record Current(StoredCredential credential, SecretForm form, Sealed sealed) {
        }
        Current current = jdbc.queryOne("SELECT " + qualified("c.") + ", c.auth_type, c.expires_at, v.wrapped_key, "
                        + "v.master_key_id, v.ciphertext "
                        + "FROM credentials c JOIN credential_versions v ON v.credential_id = c.id AND v.version = c.version "
                        + "WHERE c.id = ? AND c.owner_type = ? AND c.owner_id = ? AND c.kind = ? AND c.deleted_at IS NULL",
                rs -> new Current(row(rs), new SecretForm(rs.getString(6), rs.getString(15), Times.parse(rs.getString(16))),
                        new Sealed(decode(rs.getString(17)), rs.getString(18), decode(rs.getString(19)))),
                id, owner.type().name(), owner.id(), kind.name()).orElseThrow(() -> VaultErrors.notFound("credential", id));
        StoredCredential credential = current.credential();
        byte[] plaintext = envelope.open(current.sealed(), owner.associatedData(id, credential.version()));
        return new Unsealed(credential, Secret.of(new String(plaintext, StandardCharsets.UTF_8)), current.form());
    }

    private static String qualified(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    /** Live, active credentials of {@code owner} for {@code provider}: the default first. */
    public List<StoredCredential> pool(Owner owner, String provider) {
        return jdbc.query("SELECT " + COLUMNS + " FROM credentials WHERE owner_type = ? AND owner_id = ? AND provider = ? "
                        + "AND kind = ? AND deleted_at IS NULL AND is_active = TRUE ORDER BY is_default DESC, created_at, id",
                Credentials::row, owner.type().name(), owner.id(), provider, kind.name());
    }

    /** The provider's key shape, so a pasted wrong key is refused before it is stored. */
    private static void checkShape(ProviderInfo provider, Secret key) {
        provider.keyShape().mismatch(key).ifPresent(expected -> {
            throw VaultErrors.unprocessable("invalid_api_key_format",
                    "api_key does not look like a key for provider '" + provider.id() + "': expected " + expected + ".",
                    "api_key");
        });
    }

    private ProviderInfo provider(String id) {
        return providers.find(id).orElseThrow(() -> VaultErrors.unprocessable("unknown_provider",
                "Unknown provider '" + id + "'. GET /api/v1/providers lists the configured ones.", "provider"));
    }

    private void insertVersion(Jdbc tx, Owner owner, String id, int version, Secret secret, String masked, String now) {
        Sealed sealed = envelope.seal(secret.reveal().getBytes(StandardCharsets.UTF_8), owner.associatedData(id, version));
        tx.update("INSERT INTO credential_versions (credential_id, version, wrapped_key, master_key_id, ciphertext, masked_key, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, version, encode(sealed.wrappedKey()), sealed.masterKeyId(), encode(sealed.ciphertext()), masked, now);
    }

    /** What the audit names: a provider, or an MCP server as {@code mcp:<id>}. */
    private String subject(String provider) {
        return kind == Kind.LLM ? provider : "mcp:" + provider;
    }

    private boolean hasDefault(Jdbc tx, Owner owner, String provider) {
        return tx.queryOne("SELECT id FROM credentials WHERE owner_type = ? AND owner_id = ? AND provider = ? AND kind = ? "
                + "AND is_default = TRUE AND deleted_at IS NULL", rs -> rs.getString(1), owner.type().name(), owner.id(), provider,
                kind.name()).isPresent();
    }

    private void setDefault(Jdbc tx, Owner owner, String id, String provider) {
        tx.update("UPDATE credentials SET is_default = FALSE WHERE owner_type = ? AND owner_id = ? AND provider = ? AND kind = ? "
                + "AND is_default = TRUE AND deleted_at IS NULL AND id <> ?", owner.type().name(), owner.id(), provider,
                kind.name(), id);
        tx.update("UPDATE credentials SET is_default = TRUE WHERE id = ?", id);
    }

    /**
     * Serialises the writes of one owner (PostgreSQL row lock on the user or workspace), so that
     * "exactly one default per provider" holds under concurrent creates and updates.
     */
    private static void lockOwner(Jdbc tx, Owner owner) {
        String table = owner.type() == Owner.Type.USER ? "users" : "workspaces";
        tx.queryOne("SELECT id FROM " + table + " WHERE id = ?" + tx.dialect().forUpdate(), rs -> rs.getString(1), owner.id());
    }

    /** Runs a write; a unique-name refusal is the caller's 409. */
    private static void conflictOnName(String name, Runnable write) {
        try {
            write.run();
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw VaultErrors.conflict("A credential named '" + name + "' already exists.");
            }
            throw e;
        }
    }

    private Optional<StoredCredential> find(Jdbc jdbc, Owner owner, String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM credentials WHERE id = ? AND owner_type = ? AND owner_id = ? "
                + "AND kind = ? AND deleted_at IS NULL", Credentials::row, id, owner.type().name(), owner.id(), kind.name());
    }

    private static StoredCredential row(ResultSet rs) throws SQLException {
        return new StoredCredential(rs.getString(1), new Owner(Owner.Type.valueOf(rs.getString(2)), rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9),
                rs.getInt(10), Times.parse(rs.getString(11)), Times.parse(rs.getString(12)), Times.parse(rs.getString(13)),
                rs.getString(14));
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        return text == null ? null : Base64.getDecoder().decode(text);
    }
}
