package io.keyroute.server.inference.attempts;

import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.server.auth.Caller;
import io.keyroute.vault.credentials.CredentialResolution;
import io.keyroute.vault.credentials.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * CONTRACT's order: the named credential, the caller's default (pool), the workspace's, then the
 * provider's system key, else 400 {@code no_credential}. The plaintext lives in the returned
 * {@link Credential} only for the request being built.
 */
public final class VaultCredentialResolver implements CredentialResolver {
    private final CredentialResolution vault;
    private final SystemCredentialResolver system = new SystemCredentialResolver();

    public VaultCredentialResolver(CredentialResolution vault) {
        this.vault = vault;
    }

    @Override
    public Credential resolve(Caller caller, Provider provider, Optional<String> requestedId) {
        return vault.resolve(caller.keyId(), caller.userId(), caller.workspaceId(), provider.id(), requestedId)
                .map(VaultCredentialResolver::credential)
                .orElseGet(() -> system.resolve(caller, provider, Optional.empty()));
    }

    /**
     * The credential a call would use, without recording a use (routing's look-ahead). Matches
     * the {@code peek} seam of the routing work; with {@code ownKeysAllowed} false only the
     * system key counts.
     */
    @Override
    public Credential peek(Caller caller, Provider provider, Optional<String> requestedId, boolean ownKeysAllowed) {
        if (!ownKeysAllowed) {
            return system.resolve(caller, provider, requestedId);
        }
        return vault.choose(caller.userId(), caller.workspaceId(), provider.id(), requestedId)
                .map(VaultCredentialResolver::credential)
                .orElseGet(() -> system.resolve(caller, provider, Optional.empty()));
    }

    @Override
    public boolean callersOwn(Caller caller, Provider provider, Credential credential) {
        return vault.usersOwn(caller.userId(), provider.id(), credential.id());
    }

    private static Credential credential(Credentials.Unsealed stored) {
        String baseUrl = stored.credential().baseUrl();
        return new Credential(stored.credential().id(), stored.apiKey(), baseUrl == null ? null : URI.create(baseUrl));
    }

    @Override
    public void rateLimited(Credential credential, Optional<Duration> retryAfter) {
        vault.rateLimited(credential.id(), retryAfter.orElse(null));
    }

    @Override
    public void quotaExhausted(Credential credential) {
        vault.quotaExhausted(credential.id());
    }
}
