package io.keyroute.server.http;

import io.helidon.webserver.http.HttpRouting;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.UsageReport;
import io.keyroute.vault.Vault;
import java.util.function.Supplier;

/** The {@code /api/v1} management services over the vault. */
final class ManagementApi {
    static final String PATH = "/api/v1";

    private ManagementApi() {
    }

    static void register(HttpRouting.Builder routing, CallerAuth callers, Vault vault, Supplier<GatewayRuntime> runtimes) {
        var auth = new ManagementAuth(callers, vault.tenants());
        routing.register(PATH,
                new WorkspacesService(auth, vault.tenants()),
                new KeysService(auth, vault.tenants(), vault.keys()),
                new CredentialsService(auth, vault.credentials(), vault.tenants(), runtimes),
                new AuditService(auth, vault.audit()),
                new UsageService(auth, new UsageReport(vault.database())));
    }
}
