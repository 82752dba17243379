package io.keyroute.vault.responses;

import java.time.Instant;

/**
 * A response an upstream keeps itself, as Keyroute recorded it: whose it is and which key made it.
 *
 * @param credentialId the stored credential's id, or {@code system:<provider>} for the configured key
 */
public record PassedThroughResponse(String id, ResponseOwner owner, String provider, String model, String credentialId,
                                    Instant createdAt, Instant expiresAt) {
    private static final String SYSTEM_KEY = "system:";

    /** Whether {@code owner} is this response's owner (the same user, or the same key without a user). */
    public boolean ownedBy(ResponseOwner other) {
        return owner.subject().equals(other.subject());
    }

    /** What served it, as {@link ServedBy} names it: no credential id for a system key. */
    public ServedBy servedBy() {
        return new ServedBy(provider, model, credentialId.startsWith(SYSTEM_KEY) ? null : credentialId);
    }
}
