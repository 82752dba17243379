package io.keyroute.vault.credentials;

import java.time.Instant;

/** A provider credential as anyone may see it: the key only masked. */
public record StoredCredential(String id, Owner owner, String provider, String name, String maskedKey, String baseUrl,
                               boolean isDefault, boolean isActive, int version, Instant createdAt, Instant updatedAt,
                               Instant validatedAt, String lastError) {
}
