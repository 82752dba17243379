package io.keyroute.vault.keys;

import java.time.Instant;
import java.util.List;

/**
 * A Keyroute key as stored: never its value, only {@code masked}. {@code rpm}, {@code tpm} and
 * {@code budgetUsd} are null when unlimited; an empty {@code models} allows every model; a null
 * {@code expiresAt} never expires.
 */
public record ApiKey(String id, String userId, String name, String masked, Integer rpm, Integer tpm, Double budgetUsd,
                     List<String> models, Instant createdAt, Instant revokedAt, Instant expiresAt) {
    public ApiKey {
        models = List.copyOf(models);
    }

    /** Its settings, the shape a change starts from. */
    public KeyRequest settings() {
        return new KeyRequest(name, rpm, tpm, budgetUsd, models, expiresAt);
    }
}
