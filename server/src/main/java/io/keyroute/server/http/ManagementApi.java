package io.keyroute.server.http;

import io.helidon.webserver.http.HttpRouting;
import io.keyroute.vault.Vault;

/** The {@code /api/v1} management services over the vault. */
final class ManagementApi {
    static final String PATH = "/api/v1";

    private ManagementApi() {
    }

    static void register(HttpRouting.Builder routing, CallerAuth callers, Vault vault) {
        var auth = new ManagementAuth(callers, vault.tenants());
        routing.register(PATH,
                new WorkspacesService(auth, vault.tenants()),
                new KeysService(auth, vault.tenants(), vault.keys()),
                new CredentialsService(auth, vault.credentials()),
                new AuditService(auth, vault.audit()));
    }
}
