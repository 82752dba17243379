package io.keyroute.vault.tenancy;

import io.keyroute.store.Jdbc;
import java.util.Optional;

/**
 * The admin bootstrap token's SHA-256, kept in the database so every replica shares it. Only
 * the first replica to start stores one; the others read it.
 */
public final class AdminTokenStore {
    private static final String NAME = "admin_token_sha256";

    private final Jdbc jdbc;

    public AdminTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> hash() {
        return jdbc.queryOne("SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), NAME);
    }

    /** Stores {@code hash} unless one is already stored; answers the one that is stored afterwards. */
    public String storeIfAbsent(String hash) {
        jdbc.update("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", NAME, hash);
        return hash().orElseThrow();
    }
}
