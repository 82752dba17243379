package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;

/** A create request; {@code name}, {@code baseUrl} and {@code isDefault} may be null. */
public record NewCredential(String provider, Secret apiKey, String name, String baseUrl, Boolean isDefault) {
}
