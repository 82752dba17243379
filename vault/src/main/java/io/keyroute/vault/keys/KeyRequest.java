package io.keyroute.vault.keys;

import java.time.Instant;
import java.util.List;

/**
 * A key's settings, as asked for when issuing or as they stand after a change; limits are stored
 * for the usage module to enforce. Null limits are unlimited, empty {@code models} allows every
 * model, a null {@code expiresAt} never expires.
 */
public record KeyRequest(String name, Integer rpm, Integer tpm, Double budgetUsd, List<String> models,
                         Instant expiresAt) {
    public KeyRequest {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A key that never expires. */
    public KeyRequest(String name, Integer rpm, Integer tpm, Double budgetUsd, List<String> models) {
        this(name, rpm, tpm, budgetUsd, models, null);
    }
}
