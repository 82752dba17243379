package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;

/** An update; null fields are left as they are. A new {@code apiKey} is a rotation. */
public record CredentialPatch(Secret apiKey, String name, Boolean isDefault, Boolean isActive) {
}
