package io.keyroute.vault.tenancy;

import io.keyroute.vault.common.VaultErrors;
import java.util.Locale;

/** A user's role in their workspace: an admin manages the workspace's users and credentials. */
public enum Role {
    ADMIN,
    MEMBER;

    public static Role parse(String text) {
        if (text == null) {
            return MEMBER;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "member" -> MEMBER;
            default -> throw VaultErrors.unprocessable("invalid_role", "role must be 'admin' or 'member'.", "role");
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
