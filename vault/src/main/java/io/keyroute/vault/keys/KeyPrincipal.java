package io.keyroute.vault.keys;

import io.keyroute.vault.tenancy.Role;
import java.time.Instant;
import java.util.List;

/**
 * Who a live key belongs to: everything authentication needs, cached by the key's hash.
 * {@code rpm}, {@code tpm} and {@code budgetUsd} are the key's own limits, null when unset;
 * {@code expiresAt} is null for a key that never expires.
 */
public record KeyPrincipal(String keyId, String userId, String workspaceId, String plan, Role role,
                           List<String> allowedModels, Integer rpm, Integer tpm, Double budgetUsd, Instant expiresAt) {
    public KeyPrincipal {
        allowedModels = List.copyOf(allowedModels);
    }
}
