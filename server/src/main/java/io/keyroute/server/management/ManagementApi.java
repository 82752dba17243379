package io.keyroute.server.management;

import io.helidon.webserver.http.HttpRouting;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.server.cache.AnswerStore;
import io.keyroute.server.mcp.oauth.ConfiguredMcpServers;
import io.keyroute.server.mcp.oauth.McpOAuth;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.experiments.ExperimentResults;
import io.keyroute.usage.ArmReport;
import io.keyroute.usage.RequestLog;
import io.keyroute.usage.ToolCallLog;
import io.keyroute.usage.UsageReport;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.vault.Vault;
import java.time.Clock;
import java.util.function.Supplier;

/** The {@code /api/v1} management services over the vault. */
public final class ManagementApi {
    static final String PATH = "/api/v1";

    private ManagementApi() {
    }

    /**
     * @param budgets the budget endpoints' limits and counters, or null for none
     * @param alerts  told of failed credential validations, and listed; or null for none
     * @param answers the answer cache, which {@code DELETE /api/v1/cache} empties
     * @param mcpOAuth the OAuth flow for upstream MCP servers' credentials
     * @param config  the run-time config kept in the database, edited at {@code /api/v1/config}; or null for none
     */
    public static void register(HttpRouting.Builder routing, ManagementCallers callers, Vault vault, Supplier<GatewayRuntime> runtimes,
                         Budgets budgets, Alerts alerts, AnswerStore answers, Clock clock, McpOAuth mcpOAuth,
                         ConfigEditing config) {
        var auth = new ManagementAuth(callers, vault.tenants());
        routing.register(PATH,
                new MeService(auth, vault.tenants(), vault.keys()),
                new WorkspacesService(auth, vault.tenants(), vault.tenantChanges()),
                new UsersService(auth, vault.tenantChanges()),
                new KeysService(auth, vault.keys(), clock),
                new CredentialsService(auth, vault.credentials(), vault.tenants(), runtimes, alerts),
                new McpCredentialsService(auth, vault.mcpCredentials(), new ConfiguredMcpServers(() -> runtimes.get().config().mcp())),
                new McpOAuthService(auth, mcpOAuth, vault.mcpCredentials()),
                new AuditService(auth, vault.audit()),
                new UsageService(auth, new UsageReport(vault.database())),
                new RequestsService(auth, new RequestLog(vault.database())),
                new ToolCallsService(auth, new ToolCallLog(vault.database())),
                new CacheService(auth, answers, vault.audit()),
                new ExperimentsService(auth, runtimes, new ExperimentResults(new ArmReport(vault.database()))));
        if (alerts != null) {
            routing.register(PATH, new AlertsService(auth, alerts.log()));
        }
        if (config != null) {
            routing.register(PATH, new ConfigService(auth, config.live(), runtimes, config.check()));
        }
        if (budgets != null) {
            routing.register(PATH, new BudgetsService(auth, vault.tenants(), budgets, vault.audit(), clock));
        }
    }
}
