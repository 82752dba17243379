package io.keyroute.server.vault;

import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.pipeline.CredentialResolver;
import io.keyroute.server.pipeline.SystemCredentialResolver;
import io.keyroute.vault.credentials.CredentialResolution;
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
                .map(stored -> new Credential(stored.credential().id(), stored.apiKey(),
                        stored.credential().baseUrl() == null ? null : URI.create(stored.credential().baseUrl())))
                .orElseGet(() -> system.resolve(caller, provider, Optional.empty()));
    }

    @Override
    public void rateLimited(Credential credential, Optional<Duration> retryAfter) {
        vault.rateLimited(credential.id(), retryAfter.orElse(null));
    }
}
