package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;
import java.net.URI;
import java.util.Optional;

/**
 * Asks a provider whether a key works; empty when it does, else why not (never containing the
 * key). The vault only asks: the call itself is the providers' (the server's credential probe).
 */
@FunctionalInterface
public interface CredentialCheck {
    Optional<String> check(ProviderInfo provider, URI baseUrl, Secret key);
}
