package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;
import java.net.URI;
import java.util.Optional;

/** Asks a provider whether a key works; empty when it does, else why not (never containing the key). */
@FunctionalInterface
public interface CredentialCheck {
    Optional<String> check(ProviderInfo provider, URI baseUrl, Secret key);
}
