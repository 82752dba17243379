package io.keyroute.vault.credentials;

import java.net.URI;

/**
 * What the vault needs to know of a configured provider: its id, its kind's config name (opaque
 * here, for the {@link CredentialCheck}), its default base URL and its keys' shape.
 */
public record ProviderInfo(String id, String type, URI baseUrl, KeyShape keyShape) {
}
