package io.keyroute.vault;

import io.keyroute.store.Database;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.credentials.Cooldowns;
import io.keyroute.vault.credentials.CredentialCheck;
import io.keyroute.vault.credentials.CredentialResolution;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.MasterKeyRotation;
import io.keyroute.vault.credentials.ProviderDirectory;
import io.keyroute.vault.credentials.ProviderInfo;
import io.keyroute.vault.crypto.Envelope;
import io.keyroute.vault.crypto.MasterKey;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.keys.KeyMinter;
import io.keyroute.vault.keys.RedisRevocationBus;
import io.keyroute.vault.keys.RevocationBus;
import io.keyroute.vault.net.BaseUrlGuard;
import io.keyroute.vault.responses.PassedThroughResponses;
import io.keyroute.vault.responses.StoredResponses;
import io.keyroute.vault.tenancy.AdminTokenStore;
import io.keyroute.vault.tenancy.TenantChanges;
import io.keyroute.vault.tenancy.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** The vault's parts wired over one migrated database: built once at start, closed at stop. */
public final class Vault implements AutoCloseable {
    private final Database database;
    private final RevocationBus bus;
    private final Tenants tenants;
    private final TenantChanges tenantChanges;
    private final ApiKeys keys;
    private final Credentials credentials;
    private final Credentials mcpCredentials;
    private final CredentialResolution resolution;
    private final AuditLog audit;
    private final AdminTokenStore adminTokens;
    private final MasterKeyRotation rotation;
    private final StoredResponses responses;
    private final PassedThroughResponses passedThrough;

    /**
     * @param redisUrl     null for a single replica
     * @param allowPrivate whether credential base URLs may point at internal addresses (config, reloadable)
     * @param check        asks a provider whether a key works (the server's probe; a script in tests)
     */
    public record Settings(Database database, MasterKey masterKey, List<MasterKey> otherMasterKeys, String redisUrl,
                           Clock clock, KeyMinter minter, ProviderDirectory providers, BooleanSupplier allowPrivate,
                           Set<String> plans, CredentialCheck check) {
    }

    private Vault(Settings s) {
        this.database = s.database();
        this.bus = s.redisUrl() == null ? RevocationBus.local() : new RedisRevocationBus(s.redisUrl());
        var jdbc = database.jdbc();
        this.audit = new AuditLog(jdbc, s.clock());
        this.tenants = new Tenants(jdbc, audit, s.clock(), s.plans());
        this.keys = new ApiKeys(jdbc, audit, s.clock(), s.minter(), bus);
        this.tenantChanges = new TenantChanges(jdbc, tenants, keys, audit, s.clock());
        var guard = new BaseUrlGuard(s.allowPrivate());
        var envelope = new Envelope(s.masterKey(), s.otherMasterKeys());
        this.credentials = new Credentials(jdbc, envelope, audit, s.clock(), s.providers(), guard, s.check());
        // Any server id and token form is accepted here: the server checks both against its mcp: config.
        this.mcpCredentials = new Credentials(Credentials.Kind.MCP, jdbc, envelope, audit, s.clock(),
                id -> Optional.of(new ProviderInfo(id, "mcp", null, token -> Optional.empty())), guard,
                (provider, base, key) -> Optional.of("MCP server credentials are not validated"));
        this.responses = new StoredResponses(jdbc, envelope, s.clock());
        this.passedThrough = new PassedThroughResponses(jdbc, s.clock());
        this.rotation = new MasterKeyRotation(jdbc, envelope, audit, List.of(responses));
        this.resolution = new CredentialResolution(credentials, new Cooldowns(s.clock()), audit,
                database.cacheFreshness());
        this.adminTokens = new AdminTokenStore(jdbc);
    }

    /** Migrates the database and builds the vault over it. */
    public static Vault open(Settings settings) {
        settings.database().migrate();
        return new Vault(settings);
    }

    public Database database() {
        return database;
    }

    public Tenants tenants() {
        return tenants;
    }

    public TenantChanges tenantChanges() {
        return tenantChanges;
    }

    public ApiKeys keys() {
        return keys;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Credentials for upstream MCP servers: {@code provider} is the server's id. */
    public Credentials mcpCredentials() {
        return mcpCredentials;
    }

    public CredentialResolution resolution() {
        return resolution;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Re-wraps every data key under {@link Settings#masterKey()} (the others must include the current key). */
    public MasterKeyRotation masterKeyRotation() {
        return rotation;
    }

    /** The Responses API conversations Keyroute keeps for callers (previous_response_id). */
    public StoredResponses responses() {
        return responses;
    }

    /** Whose each response an upstream keeps itself is (OpenAI's, passed through), and which key made it. */
    public PassedThroughResponses passedThroughResponses() {
        return passedThrough;
    }

    public AdminTokenStore adminTokens() {
        return adminTokens;
    }

    @Override
    public void close() {
        bus.close();
        responses.close(); // their queued inserts, before the database goes
        passedThrough.close();
        database.close();
    }
}
