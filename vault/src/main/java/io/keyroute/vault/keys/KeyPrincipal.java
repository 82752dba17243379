package io.keyroute.vault.keys;

import io.keyroute.vault.tenancy.Role;
import java.util.List;

/**
 * Who a live key belongs to: everything authentication needs, cached by the key's hash.
 * {@code rpm}, {@code tpm} and {@code budgetUsd} are the key's own limits, null when unset.
 */
public record KeyPrincipal(String keyId, String userId, String workspaceId, String plan, Role role,
                           List<String> allowedModels, Integer rpm, Integer tpm, Double budgetUsd) {
    public KeyPrincipal {
        allowedModels = List.copyOf(allowedModels);
    }
}
