package io.keyroute.vault.keys;

import io.keyroute.vault.tenancy.Role;
import java.util.List;

/** Who a live key belongs to: everything authentication needs, cached by the key's hash. */
public record KeyPrincipal(String keyId, String userId, String workspaceId, String plan, Role role,
                           List<String> allowedModels) {
    public KeyPrincipal {
        allowedModels = List.copyOf(allowedModels);
    }
}
