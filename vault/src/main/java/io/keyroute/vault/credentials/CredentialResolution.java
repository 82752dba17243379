package io.keyroute.vault.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.keyroute.store.CacheFreshness;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.VaultErrors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which stored credential a request uses for a provider, in CONTRACT's order: the one the
 * caller named, else the caller's own pool (default first), else the workspace's pool. Empty
 * means the provider's system key is next. Each first use of a credential by a key in an hour is
 * audited.
 *
 * <p>Pools and unsealed keys are cached for the database's {@link CacheFreshness}: resolution runs
 * for every request (twice, with routing's look-ahead), and a database round trip and two
 * decryptions each time would dominate a gateway's per-request cost. A change on this replica
 * clears the owner's entries at once; on other replicas it applies within the freshness bound (a
 * second with PostgreSQL, the bound DESIGN sets for a deleted credential). Pools are refreshed in
 * the background before that; an unsealed key, which a pool names by id and version, only expires.
 */
public final class CredentialResolution {
    private final Credentials credentials;
    private final LoadingCache<PoolKey, List<StoredCredential>> pools;
    private final Cache<VersionKey, Credentials.Unsealed> unsealed;
    private final Cooldowns cooldowns;
    private final AuditLog audit;
    private final Cache<String, Boolean> recentlyAudited =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    public CredentialResolution(Credentials credentials, Cooldowns cooldowns, AuditLog audit, CacheFreshness freshness) {
        this(credentials, cooldowns, audit, freshness, Ticker.systemTicker());
    }

    /** With the caches' clock given: tests move it instead of waiting. */
    CredentialResolution(Credentials credentials, Cooldowns cooldowns, AuditLog audit, CacheFreshness freshness,
                         Ticker ticker) {
        this.credentials = credentials;
        this.cooldowns = cooldowns;
        this.audit = audit;
        this.pools = Caffeine.newBuilder().ticker(ticker).refreshAfterWrite(freshness.refreshAfter())
                .expireAfterWrite(freshness.expireAfter()).maximumSize(100_000)
                .build(key -> credentials.pool(key.owner(), key.provider()));
        this.unsealed = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(freshness.expireAfter())
                .maximumSize(100_000).build();
        credentials.onChange(this::forget);
    }

    /**
     * @param requestedId the {@code x-keyroute-credential} header; a credential for another
     *                    provider does not apply to this one (a route may span providers)
     * @throws io.keyroute.api.error.ClientError 404 when the named credential is not the caller's
     */
    public Optional<Credentials.Unsealed> resolve(String keyId, String userId, String workspaceId, String provider,
                                                  Optional<String> requestedId) {
        Optional<Credentials.Unsealed> chosen = choose(userId, workspaceId, provider, requestedId);
        chosen.ifPresent(unsealed -> recordUse(keyId, workspaceId, unsealed.credential()));
        return chosen;
    }

    /** As {@link #resolve}, without recording a use: for routing's look-ahead over candidates. */
    public Optional<Credentials.Unsealed> choose(String userId, String workspaceId, String provider,
                                                 Optional<String> requestedId) {
        List<Owner> owners = owners(userId, workspaceId);
        if (requestedId.isPresent()) {
            StoredCredential named = named(owners, requestedId.get());
            if (named.provider().equals(provider)) {
                return Optional.of(unseal(named));
            }
        }
        for (Owner owner : owners) {
            List<StoredCredential> pool = pools.get(new PoolKey(owner, provider));
            if (!pool.isEmpty()) {
                return Optional.of(unseal(cooldowns.pick(pool)));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code credentialId} is one of the user's own live, active credentials for {@code provider}
     * (not their workspace's): a provider account only this user's requests reach.
     */
    public boolean usersOwn(String userId, String provider, String credentialId) {
        return userId != null && credentials.list(Owner.user(userId)).stream()
                .anyMatch(c -> c.id().equals(credentialId) && c.provider().equals(provider) && c.isActive());
    }

    private Credentials.Unsealed unseal(StoredCredential credential) {
        return unsealed.get(new VersionKey(credential.owner(), credential.id(), credential.version()),
                k -> credentials.unseal(k.owner(), k.id()));
    }

    private void forget(Owner owner) {
        pools.asMap().keySet().removeIf(key -> key.owner().equals(owner));
        unsealed.asMap().keySet().removeIf(key -> key.owner().equals(owner));
    }

    private record PoolKey(Owner owner, String provider) {
    }

    private record VersionKey(Owner owner, String id, int version) {
    }

    public void rateLimited(String credentialId, Duration retryAfter) {
        cooldowns.rateLimited(credentialId, retryAfter);
    }

    public void quotaExhausted(String credentialId) {
        cooldowns.quotaExhausted(credentialId);
    }

    private StoredCredential named(List<Owner> owners, String id) {
        for (Owner owner : owners) {
            Optional<StoredCredential> found = credentials.list(owner).stream()
                    .filter(c -> c.id().equals(id) && c.isActive()).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw VaultErrors.notFound("usable credential", id);
    }

    private void recordUse(String keyId, String workspaceId, StoredCredential credential) {
        if (keyId != null && recentlyAudited.asMap().putIfAbsent(keyId + "|" + credential.id(), Boolean.TRUE) == null) {
            // The endpoint too: a credential with its own base_url sends this key's requests there.
            String detail = credential.baseUrl() == null ? credential.provider()
                    : credential.provider() + " at " + credential.baseUrl();
            audit.record(keyId, "credential.used", credential.id(), workspaceId, detail);
        }
    }

    private static List<Owner> owners(String userId, String workspaceId) {
        if (userId == null) {
            return workspaceId == null ? List.of() : List.of(Owner.workspace(workspaceId));
        }
        return workspaceId == null ? List.of(Owner.user(userId)) : List.of(Owner.user(userId), Owner.workspace(workspaceId));
    }
}
