package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidatorTest {
    private static final String TYPES = "openai, anthropic, gemini, openai-compatible, mock";
    private static final String BUILT_IN = "openai, anthropic, gemini, deepseek";
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

    /** Through the loader, so the file's YAML names and indices are what the messages show. */
    private static List<String> problems(String yaml) {
        try {
            LOADER.load(yaml, "keyroute.yaml");
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("server: { port: 0 }", "server.port: 0 is not in 1..65535"),
                arguments("server: { port: 65536 }", "server.port: 65536 is not in 1..65535"),
                arguments("server: { host: ' ' }", "server.host: must not be blank"),
                arguments("server: { max_request_bytes: 0 }", "server.max_request_bytes: must be greater than 0"),
                arguments("server: { sse_heartbeat_ms: -1 }", "server.sse_heartbeat_ms: must be greater than 0"),
                arguments("database: { url: 'mysql://db/x' }",
                        "database.url: must be a JDBC URL, jdbc:sqlite:… or jdbc:postgresql://…"),
                arguments("redis: { url: 'http://cache' }", "redis.url: must be a redis:// or rediss:// URL"),
                arguments("providers: [ { id: '', type: mock } ]", "providers[0].id: must not be blank"),
                arguments("providers: [ { id: Local AI, type: mock } ]",
                        "providers[0].id: 'Local AI' must match [a-z0-9][a-z0-9._-]*"),
                arguments("providers: [ { id: -x, type: mock } ]",
                        "providers[0].id: '-x' must match [a-z0-9][a-z0-9._-]*"),
                arguments("providers: [ { id: a, type: mock }, { id: a, type: mock } ]",
                        "providers[1].id: 'a' is used by another provider"),
                arguments("providers: [ { id: a, type: mock }, { id: b, type: opnai } ]",
                        "providers[1].type: 'opnai' is not one of " + TYPES),
                arguments("providers: [ { id: a } ]", "providers[0].type: is required, one of " + TYPES),
                arguments("providers: [ { id: a, type: openai, base_url: 'ftp://h/v1' } ]",
                        "providers[0].base_url: must be an absolute http:// or https:// URL"),
                arguments("providers: [ { id: a, type: openai, base_url: 'api.openai.com/v1' } ]",
                        "providers[0].base_url: must be an absolute http:// or https:// URL"),
                arguments("providers: [ { id: a, type: openai-compatible } ]",
                        "providers[0].base_url: is required for type openai-compatible"),
                arguments("providers: [ { id: a, type: mock, timeout_ms: 0 } ]",
                        "providers[0].timeout_ms: must be greater than 0"),
                arguments("providers: [ { id: a, type: mock, connect_timeout_ms: -5 } ]",
                        "providers[0].connect_timeout_ms: must be greater than 0"),
                arguments("models: [ { id: gpt-4o } ]", "models[0].id: 'gpt-4o' is not provider/model"),
                arguments("models: [ { id: ' /gpt-4o' } ]", "models[0].id: ' /gpt-4o' is not provider/model"),
                arguments("models: [ { id: openai/ } ]", "models[0].id: 'openai/' is not provider/model"),
                arguments("models: [ { tier: mid } ]", "models[0].id: must not be blank; write provider/model"),
                arguments("models: [ { id: a/x }, { id: a/x } ]", "models[1].id: 'a/x' is listed twice"),
                arguments("models: [ { id: a/x, tier: cheap } ]",
                        "models[0].tier: 'cheap' is not one of budget, mid, premium, specialized"),
                arguments("models: [ { id: a/x, capabilities: [tools, telepathy] } ]",
                        "models[0].capabilities[1]: 'telepathy' is not one of tools, vision, json_mode, streaming,"
                                + " embeddings, reasoning, pdf"),
                arguments("models: [ { id: a/x, input_usd_per_mtok: -0.1 } ]",
                        "models[0].input_usd_per_mtok: must be 0 or more"),
                arguments("models: [ { id: a/x, output_usd_per_mtok: -1 } ]",
                        "models[0].output_usd_per_mtok: must be 0 or more"),
                arguments("models: [ { id: a/x, cached_input_usd_per_mtok: -1 } ]",
                        "models[0].cached_input_usd_per_mtok: must be 0 or more"),
                arguments("models: [ { id: a/x, context_window: 0 } ]",
                        "models[0].context_window: must be greater than 0"),
                arguments("routes: [ { name: '', candidates: [openai/a] } ]", "routes[0].name: must not be blank"),
                arguments("routes: [ { name: a/b, candidates: [openai/a] } ]",
                        "routes[0].name: 'a/b' must not contain '/' (that is a provider/model name)"),
                arguments("routes: [ { name: openai, candidates: [openai/a] } ]",
                        "routes[0].name: 'openai' is also a provider id"),
                arguments("routes: [ { name: r, candidates: [openai/a] }, { name: r, candidates: [openai/a] } ]",
                        "routes[1].name: 'r' is used by another route"),
                arguments("routes: [ { name: r, strategy: random, candidates: [openai/a] } ]",
                        "routes[0].strategy: 'random' is not one of complexity, cost, latency, weighted, fallback"),
                arguments("routes: [ { name: r, candidates: [] } ]",
                        "routes[0].candidates: must list at least one provider/model"),
                arguments("routes: [ { name: r, candidates: [gpt-4o] } ]",
                        "routes[0].candidates[0]: 'gpt-4o' is not provider/model"),
                arguments("routes: [ { name: r, candidates: [openai/a, nope/b] } ]",
                        "routes[0].candidates[1]: provider 'nope' is not configured (configured: " + BUILT_IN + ")"),
                arguments("routes: [ { name: r, candidates: [openai/a], fallback: [nope/b] } ]",
                        "routes[0].fallback[0]: provider 'nope' is not configured (configured: " + BUILT_IN + ")"),
                arguments("routes: [ { name: r, candidates: [openai/a], fallback: [x] } ]",
                        "routes[0].fallback[0]: 'x' is not provider/model"),
                arguments("routes: [ { name: r, strategy: weighted, candidates: [openai/a, openai/b],"
                                + " weights: { openai/a: 1 } } ]",
                        "routes[0].weights: no weight for candidate 'openai/b'"),
                arguments("routes: [ { name: r, strategy: weighted, candidates: [openai/a, openai/b],"
                                + " weights: { openai/a: 2, openai/b: -1 } } ]",
                        "routes[0].weights['openai/b']: must be 0 or more"),
                arguments("routes: [ { name: r, strategy: weighted, candidates: [openai/a],"
                                + " weights: { openai/a: 1, openai/z: 1 } } ]",
                        "routes[0].weights: 'openai/z' is not a candidate of this route"),
                arguments("routes: [ { name: r, strategy: weighted, candidates: [openai/a],"
                                + " weights: { openai/a: 0 } } ]",
                        "routes[0].weights: at least one weight must be greater than 0"),
                arguments("routes: [ { name: r, strategy: complexity, candidates: [openai/a], tiers: { hard: premium } } ]",
                        "routes[0].tiers: 'hard' is not one of simple, moderate, complex, advanced"),
                arguments("routes: [ { name: r, strategy: complexity, candidates: [openai/a], tiers: { simple: cheap } } ]",
                        "routes[0].tiers.simple: 'cheap' is not one of budget, mid, premium"),
                arguments("routes: [ { name: r, strategy: complexity, candidates: [openai/a], tiers: { complex: budget } } ]",
                        "routes[0].tiers: a harder level must not map to a lower tier"),
                arguments("retry: { max_total_attempts: 0 }", "retry.max_total_attempts: must be greater than 0"),
                arguments("retry: { max_total_ms: 0 }", "retry.max_total_ms: must be greater than 0"),
                arguments("retry: { max_attempts: 0 }", "retry.max_attempts: must be 1 or more"),
                arguments("retry: { backoff_ms: -1 }", "retry.backoff_ms: must be 0 or more"),
                arguments("retry: { backoff_ms: 500, max_backoff_ms: 100 }",
                        "retry.max_backoff_ms: must be at least backoff_ms (500)"),
                arguments("plans: { free: { models: [gpt-4o] } }",
                        "plans.free.models[0]: must be \"*\" or provider/model, not 'gpt-4o'"),
                arguments("plans: { free: { monthly_budget_usd: -5 } }",
                        "plans.free.monthly_budget_usd: must be 0 or more"),
                arguments("circuit_breaker: { consecutive_failures: 0 }",
                        "circuit_breaker.consecutive_failures: must be greater than 0"),
                arguments("circuit_breaker: { error_rate: 1.5 }",
                        "circuit_breaker.error_rate: must be greater than 0 and at most 1"),
                arguments("circuit_breaker: { window: 5, min_calls: 6 }",
                        "circuit_breaker.min_calls: must be at most window (5)"),
                arguments("circuit_breaker: { open_ms: -1 }", "circuit_breaker.open_ms: must be 0 or more"),
                arguments("responses: { retention_days: 0 }", "responses.retention_days: 0 is not in 1..3650"),
                arguments("responses: { retention_days: 3651 }", "responses.retention_days: 3651 is not in 1..3650"),
                arguments("usage: { retention_days: 31 }", "usage.retention_days: 31 is not in 32..36500 (a budget's"
                        + " counter is rebuilt from a month of raw rows)"),
                arguments("usage: { retention_days: 36501 }", "usage.retention_days: 36501 is not in 32..36500 (a"
                        + " budget's counter is rebuilt from a month of raw rows)"),
                arguments("routes: [ { name: r, candidates: [openai/a] } ]\naliases: { r: openai/a }",
                        "aliases.r: shadows the route of the same name"),
                arguments("aliases: { openai: openai/a }", "aliases.openai: is also a provider id"),
                arguments("aliases: { sonnet: opus, opus: openai/a }",
                        "aliases.sonnet: 'opus' is another alias; name its route or provider/model instead"),
                arguments("aliases: { sonnet: nowhere/x }",
                        "aliases.sonnet: 'nowhere/x' is neither a route nor provider/model of a configured provider"),
                arguments("aliases: { sonnet: gpt-4o }",
                        "aliases.sonnet: 'gpt-4o' is neither a route nor provider/model of a configured provider"),
                arguments("aliases: { sonnet: '' }", "aliases.sonnet: must name a route or provider/model"),
                arguments("aliases: { 'anthropic/claude': openai/a }",
                        "aliases: a name is not a model name (at most 256 of A-Z a-z 0-9 . _ : @ + -, no '/')"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rules")
    void eachRuleNamesFileAndField(String yaml, String expected) {
        assertThat(problems(yaml)).containsExactly("keyroute.yaml: " + expected);
    }

    @Test
    void aValidConfigHasNoProblems() {
        assertThat(problems("""
                server: { host: 0.0.0.0, port: 443 }
                database: { url: "jdbc:postgresql://db:5432/keyroute" }
                redis: { url: "rediss://cache:6380" }
                providers:
                  - { id: local.llm_1, type: openai-compatible, base_url: "http://127.0.0.1:11434/v1" }
                  - { id: mock, type: mock }
                models:
                  - { id: local.llm_1/llama-3.1-8b, tier: budget, capabilities: [streaming], input_usd_per_mtok: 0 }
                  - { id: openai/ft:gpt-4o-mini:org/abc, tier: mid }
                routes:
                  - { name: cheap, strategy: weighted, candidates: [local.llm_1/llama-3.1-8b, mock/echo],
                      weights: { local.llm_1/llama-3.1-8b: 3, mock/echo: 0 } }
                  - { name: safe, candidates: [mock/echo], fallback: [openai/gpt-4o-mini] }
                  - { name: auto, strategy: complexity, candidates: [openai/gpt-4o-mini, openai/gpt-5],
                      tiers: { simple: mid, advanced: premium } }
                retry: { max_attempts: 1, backoff_ms: 0, max_backoff_ms: 0, max_total_attempts: 4, max_total_ms: 30000 }
                plans:
                  pro: { models: ["*"], monthly_budget_usd: 0 }
                aliases: { claude-sonnet-4-5: auto, claude-haiku-4-5-20251001: openai/gpt-4o-mini }
                usage: { retention_days: 400 }
                """)).isEmpty();
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        assertThat(problems("""
                server: { port: -1 }
                providers: [ { id: a, type: opnai }, { id: a, type: mock, timeout_ms: 0 } ]
                routes: [ { name: a, candidates: [] } ]
                """)).containsExactly(
                "keyroute.yaml: server.port: -1 is not in 1..65535",
                "keyroute.yaml: providers[0].type: 'opnai' is not one of " + TYPES,
                "keyroute.yaml: providers[1].id: 'a' is used by another provider",
                "keyroute.yaml: providers[1].timeout_ms: must be greater than 0",
                "keyroute.yaml: routes[0].name: 'a' is also a provider id",
                "keyroute.yaml: routes[0].candidates: must list at least one provider/model");
    }

    @Test
    void validatesRecordsBuiltInCode() {
        var config = new KeyrouteConfig(null, null, null,
                List.of(new KeyrouteConfig.ProviderSettings("x", "mock", null, null, null, null, null)),
                null, null, null, null, null);
        assertThat(new ConfigValidator().validate(config, "code")).isEmpty();
    }
}
