package io.keyroute.server.cli.litellm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the router's settings and the model list leave: {@code general_settings}, the rest of
 * {@code litellm_settings} and {@code router_settings}, other top-level sections. Only
 * {@code general_settings.database_url} has a Keyroute equivalent ({@code database.url}); every other
 * one is listed with what Keyroute does instead.
 */
final class OtherSettings {
    static final Set<String> SECTIONS = Set.of("model_list", "litellm_settings", "router_settings", "general_settings");
    private static final String DATABASE_PASSWORD = Values.variableName("DATABASE_PASSWORD");
    private static final String NO_EQUIVALENT = "Keyroute has no equivalent setting";
    private static final String OBSERVABILITY = "Keyroute exports OpenTelemetry traces and metrics"
            + " (OTEL_EXPORTER_OTLP_ENDPOINT) and keeps every request in its usage ledger";
    private static final String BUDGETS = "budgets are set per workspace, user and key with the management API"
            + " (USAGE_AND_BUDGETS.md)";
    private static final String NO_CACHE = "Keyroute has no response cache";
    private static final String LOGS = "Keyroute logs one JSON object a line, at INFO";
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("master_key", "Keyroute's admin token is KEYROUTE_ADMIN_TOKEN (at least 32 characters), else one"
                    + " printed at first start; callers use kr- keys issued with the management API (CREDENTIALS.md)"),
            Map.entry("database_url", "Keyroute needs a JDBC URL: set database.url to"
                    + " jdbc:postgresql://HOST:PORT/DB?user=USER&password=${PASSWORD}"),
            Map.entry("store_model_in_db", "Keyroute reads providers, routes and aliases from its config file"),
            Map.entry("alerting", "use Keyroute's alerts: section (signed webhooks)"),
            Map.entry("success_callback", OBSERVABILITY), Map.entry("failure_callback", OBSERVABILITY),
            Map.entry("callbacks", OBSERVABILITY),
            Map.entry("cache", NO_CACHE), Map.entry("cache_params", NO_CACHE),
            Map.entry("set_verbose", LOGS), Map.entry("json_logs", LOGS),
            Map.entry("max_budget", BUDGETS), Map.entry("budget_duration", BUDGETS),
            Map.entry("guardrails", "configure Keyroute's guardrails: section"),
            Map.entry("telemetry", "Keyroute sends no telemetry of its own"),
            Map.entry("drop_params", "Keyroute translates each request to its provider's API itself; it has no switch"
                    + " for dropping parameters"),
            Map.entry("environment_variables", "not copied (the values may be secrets): set these variables in"
                    + " Keyroute's environment"),
            Map.entry("content_policy_fallbacks", "Keyroute does not fall back on a content policy refusal: it"
                    + " returns it to the caller"),
            Map.entry("enable_pre_call_checks", "Keyroute always passes over a candidate whose context window is too"
                    + " small for the request"));

    private final List<NotCarried> notCarried;
    private final Map<String, String> inlineSecrets;

    OtherSettings(List<NotCarried> notCarried, Map<String, String> inlineSecrets) {
        this.notCarried = notCarried;
        this.inlineSecrets = inlineSecrets;
    }

    /** Lists every key of {@code settings} (path → value) with its reason. */
    void report(Map<String, RouterSettings.Setting> settings) {
        settings.forEach((path, s) -> notCarried.add(new NotCarried(path, reason(path.substring(path.lastIndexOf('.') + 1)))));
    }

    /** The top-level sections this converter does not read. */
    void reportSections(Map<String, Object> file) {
        file.keySet().stream().filter(k -> !SECTIONS.contains(k)).forEach(k -> notCarried.add(new NotCarried(k, reason(k))));
    }

    /** {@code general_settings}: returns the {@code database:} section, empty when it cannot be carried. */
    Map<String, Object> general(Map<String, Object> general) {
        Map<String, Object> database = Map.of();
        for (var entry : general.entrySet()) {
            String path = "general_settings." + entry.getKey();
            if (entry.getKey().equals("database_url")) {
                String jdbc = jdbcUrl(Values.text(entry.getValue()).orElse(""));
                if (jdbc != null) {
                    database = Map.of("url", jdbc);
                    continue;
                }
            }
            notCarried.add(new NotCarried(path, reason(entry.getKey())));
        }
        return database;
    }

    /**
     * A {@code postgresql://user:password@host:port/db} URL as JDBC, the password read from a variable.
     * Null for an environment reference (its value is unknown here) or another form.
     */
    private String jdbcUrl(String url) {
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String query = "";
            if (uri.getRawUserInfo() != null) {
                String[] user = uri.getUserInfo().split(":", 2);
                query = "?user=" + user[0];
                if (user.length == 2) {
                    inlineSecrets.put(DATABASE_PASSWORD, user[1]);
                    notCarried.add(new NotCarried("general_settings.database_url", "its password was written in"
                            + " plaintext; the Keyroute config reads it from ${" + DATABASE_PASSWORD + "}: set that"
                            + " variable (serve supplies it in memory)"));
                    query += "&password=${" + DATABASE_PASSWORD + "}";
                }
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String reason(String key) {
        return REASONS.getOrDefault(key, NO_EQUIVALENT);
    }
}
