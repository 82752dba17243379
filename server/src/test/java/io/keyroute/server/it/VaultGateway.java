package io.keyroute.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.accounting.LedgerSink;
import io.keyroute.server.accounting.GuardrailAudit;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.auth.VaultAuthenticator;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.stored.LiveConfig;
import io.keyroute.server.config.stored.StoredSections;
import io.keyroute.server.config.McpSettings;
import io.keyroute.server.mcp.UpstreamAuthorization;
import java.util.Optional;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.config.KeyrouteConfig.DatabaseSettings;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.SecuritySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.HeldBudgets;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.server.runtime.VaultStartup;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.usage.LedgerJournal;
import io.keyroute.usage.UsageLedger;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.vault.Vault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Keyroute with its vault over a test database, on a loopback port, in front of an
 * OpenAI-wire upstream ({@code openai}, no system key), and an HTTP client that keeps every
 * response it saw (for secret scans).
 */
public final class VaultGateway implements AutoCloseable {
    public static final String ADMIN_TOKEN = "kr-admin-" + "AdminAdminAdminAdminAdminAdminAdminAdmin1";
    /** The {@code trial} plan's monthly budget. */
    static final double TRIAL_BUDGET_USD = 0.0005;
    final String masterKey;
    final Vault vault;
    final Gateway gateway;
    /** The rate limits' time (in-process buckets): it moves only when a test advances it. */
    final MutableClock rateLimitClock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final RateLimitGate rateLimits;
    final Budgets budgets;
    /** Raised as the gateway runs; its settings are {@link #alertSettings}, which a test may change. */
    public final Alerts alerts;
    private volatile AlertsSettings alertSettings = AlertsSettings.DEFAULT;
    /** What /mcp sends upstream MCP servers; a test may change it. */
    volatile UpstreamAuthorization mcpAuthorization = UpstreamAuthorization.NONE;
    final List<String> responses = new CopyOnWriteArrayList<>();
    private final KeyrouteConfig config;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public record Response(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String text(String field) {
            return json.path(field).asText(null);
        }
    }

    VaultGateway(TestDatabase db, String upstreamBaseUrl) throws IOException {
        this(db, upstreamBaseUrl, UsageLedger.Settings.DEFAULT);
    }

    VaultGateway(TestDatabase db, String upstreamBaseUrl, UsageLedger.Settings ledger) throws IOException {
        this(db, upstreamBaseUrl, ledger, Clock.systemUTC());
    }

    /** @param vaultClock the vault's time: key expiry, audit and creation times */
    VaultGateway(TestDatabase db, String upstreamBaseUrl, UsageLedger.Settings ledger, Clock vaultClock) throws IOException {
        this(db, List.of(new ProviderSettings("openai", "openai", upstreamBaseUrl, null, 5_000L, 2_000L, Map.of())),
                List.of(), ledger, vaultClock);
    }

    /** In front of {@code providers} instead of the one {@code openai}. */
    public VaultGateway(TestDatabase db, List<ProviderSettings> providers) throws IOException {
        this(db, providers, List.of());
    }

    /** In front of {@code providers}, with {@code routes}. */
    VaultGateway(TestDatabase db, List<ProviderSettings> providers, List<RouteSettings> routes) throws IOException {
        this(db, providers, routes, UsageLedger.Settings.DEFAULT, Clock.systemUTC());
    }

    private VaultGateway(TestDatabase db, List<ProviderSettings> providers, List<RouteSettings> routes,
                         UsageLedger.Settings ledger, Clock vaultClock) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        this.masterKey = Base64.getEncoder().encodeToString(raw);
        Path data = Files.createTempDirectory("keyroute-data");
        // Tests drive the management API harder than server.management_rpm allows a person (ManagementLimitsTest checks it).
        this.config = new KeyrouteConfig(listener(0),
                new DatabaseSettings(db.url()), null,
                providers, List.of(), routes, new RetrySettings(1, 1L, 5L),
                Map.of("pro", new PlanSettings(null, true, null), "free", new PlanSettings(null, false, null),
                        "trial", new PlanSettings(null, true, TRIAL_BUDGET_USD)),
                new SecuritySettings(true)); // the fake upstream is on loopback
        var running = new AtomicReference<Gateway>();
        this.vault = VaultStartup.open(config, Map.of("KEYROUTE_MASTER_KEY", masterKey), data,
                new KeyrouteKeys(new SecureRandom()), () -> running.get().runtime(), vaultClock);
        this.rateLimits = RateLimitGate.forConfig(config, rateLimitClock);
        // Budget counters where a single replica keeps them: in-process on SQLite, in PostgreSQL on PostgreSQL.
        this.budgets = Budgets.open(null, vault.database(), Clock.systemUTC());
        this.alerts = new Alerts(vault.database().jdbc(), vault.audit(), () -> alertSettings, Clock.systemUTC());
        var held = new HeldBudgets(Clock.systemUTC(), BudgetEvents.NONE);
        this.gateway = Gateway.builder(config, new VaultAuthenticator(vault.keys(), TokenHash.of(Secret.of(ADMIN_TOKEN))))
                .vault(vault).gate(rateLimits.then(new BudgetGate(budgets, Clock.systemUTC(), held,
                        alerts.budgets(() -> true))))
                .countGate(rateLimits.requestsOnly()).budgets(budgets).alerts(alerts)
                .mcpAuthorization(new UpstreamAuthorization() {
                    @Override
                    public Optional<String> authorization(Caller caller, String serverId) {
                        return mcpAuthorization.authorization(caller, serverId);
                    }

                    @Override
                    public void rejected(Caller caller, String serverId) {
                        mcpAuthorization.rejected(caller, serverId);
                    }
                })
                // The config as a file would hold it (a port the validator accepts); the gateway keeps its own port.
                .liveConfig(new LiveConfig(new ConfigLoader(Map.of()), () -> config.withServer(listener(8080)),
                        new StoredSections(vault.database().jdbc(), vault.audit(), Clock.systemUTC()),
                        next -> running.get().apply(next.withServer(config.server()))))
                .usage(new LedgerSink(UsageLedger.start(vault.database(),
                        LedgerJournal.open(data.resolve("ledger.journal"), LedgerJournal.DEFAULT_SEGMENT_BYTES), ledger),
                        Clock.systemUTC()).andThen(new GuardrailAudit(vault.audit())))
                .start();
        running.set(gateway);
    }

    private static ServerSettings listener(int port) {
        return new ServerSettings("127.0.0.1", port, 64L * 1024, 2_000L, 64, null, null, null, null, null, null, null,
                1_000_000);
    }

    /** Alerts from now on are raised and sent as {@code settings} say (the config's {@code alerts:} section). */
    public void alertSettings(AlertsSettings settings) {
        this.alertSettings = settings;
    }

    /** Reloads the config with {@code steps} as its guardrails. */
    public void guardrails(List<KeyrouteConfig.GuardrailSettings> steps) {
        gateway.apply(config.withGuardrails(steps));
    }

    /** Reloads the config with {@code routes} and {@code splits} as its A/B experiments. */
    public void experiments(List<RouteSettings> routes, List<io.keyroute.server.config.ExperimentSettings> splits) {
        gateway.apply(new KeyrouteConfig(config.server(), config.database(), config.redis(), config.providers(),
                config.models(), routes, config.retry(), config.plans(), config.security()).withExperiments(splits));
    }

    /** Reloads the config with {@code answers} as its cache section. */
    public void cache(io.keyroute.server.config.CacheSettings answers) {
        gateway.apply(config.withCache(answers));
    }

    /** Reloads the config with {@code mcp} as its {@code mcp:} section. */
    void mcp(McpSettings mcp, List<io.keyroute.server.policy.PolicySettings> policies) {
        gateway.apply(config.withMcp(mcp).withPolicies(policies));
    }

    public void mcp(McpSettings mcp) {
        gateway.apply(config.withMcp(mcp));
    }

    /** The loopback port it listens on. */
    public int port() {
        return gateway.port();
    }

    /** Reloads the config with {@code settings} as its {@code a2a:} section. */
    public void a2a(io.keyroute.server.config.A2aSettings settings) {
        gateway.apply(config.withA2a(settings));
    }

    /** Reloads the config with {@code security.allow_private_base_urls} set as given. */
    void allowPrivateBaseUrls(boolean allow) {
        gateway.apply(new KeyrouteConfig(config.server(), config.database(), config.redis(), config.providers(),
                config.models(), config.routes(), config.retry(), config.plans(), new SecuritySettings(allow)));
    }

    /** Reloads the config with {@code servers} as its upstream MCP servers and {@code security.allow_private_base_urls} as given. */
    void mcp(io.keyroute.server.config.McpSettings servers, boolean allowPrivateBaseUrls) {
        gateway.apply(new KeyrouteConfig(config.server(), config.database(), config.redis(), config.providers(),
                config.models(), config.routes(), config.retry(), config.plans(), new SecuritySettings(allowPrivateBaseUrls))
                .withMcp(servers));
    }

    public Response call(String method, String path, String token, String body) {
        return call(method, path, token, body, Map.of());
    }

    /** As {@link #call(String, String, String, String)}, with {@code headers} besides. */
    Response call(String method, String path, String token, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** The usage ledger's rows once at least {@code count} are stored (the ledger writes every ~100 ms). */
    public long awaitUsageRows(long count) throws InterruptedException {
        long rows = 0;
        for (int i = 0; i < 200 && (rows = usageRows()) < count; i++) {
            Thread.sleep(25);
        }
        return rows;
    }

    private long usageRows() {
        return vault.database().jdbc().queryOne("SELECT COUNT(*) FROM usage_events", rs -> rs.getLong(1)).orElseThrow();
    }

    /** Every row of every table that could hold a secret, one string a row, for scans. */
    List<String> storedRows() {
        List<String> rows = new java.util.ArrayList<>();
        for (String table : List.of("workspaces", "users", "settings", "api_keys", "credentials", "credential_versions",
                "audit_events", "usage_events", "budgets", "budget_counters", "budget_reservations", "alerts", "mcp_calls")) {
            rows.addAll(vault.database().jdbc().query("SELECT * FROM " + table, rs -> {
                var sb = new StringBuilder(table).append(':');
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                return sb.toString();
            }));
        }
        return rows;
    }

    public Response chat(String token, String credentialId) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        if (credentialId != null) {
            request.header("x-keyroute-credential", credentialId);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            responses.add(response.headers().map() + " " + response.body());
            JsonNode json = response.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(response.body());
            return new Response(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        alerts.close();
        rateLimits.close();
        budgets.close();
        vault.close();
    }
}
