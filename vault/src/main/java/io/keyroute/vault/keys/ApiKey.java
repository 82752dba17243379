package io.keyroute.vault.keys;

import java.time.Instant;
import java.util.List;

/**
 * A Keyroute key as stored: never its value, only {@code masked}. {@code rpm}, {@code tpm} and
 * {@code budgetUsd} are null when unlimited; an empty {@code models} allows every model.
 */
public record ApiKey(String id, String userId, String name, String masked, Integer rpm, Integer tpm, Double budgetUsd,
                     List<String> models, Instant createdAt, Instant revokedAt) {
    public ApiKey {
        models = List.copyOf(models);
    }
}
