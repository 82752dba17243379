package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.keyroute.routing.health.BreakerSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static KeyrouteConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).load(yaml, "keyroute.yaml");
    }

    private static ConfigException failure(String yaml) {
        try {
            load(yaml, Map.of());
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }

    private static ProviderSettings provider(KeyrouteConfig config, String id) {
        return config.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void embeddedDefaultsLoadAndValidate() {
        var config = new ConfigLoader(Map.of()).loadDefaults();

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:data/keyroute.db");
        assertThat(config.redis()).isNull();
        assertThat(config.providers())
                .extracting(ProviderSettings::id, ProviderSettings::type, ProviderSettings::baseUrl)
                .containsExactly(
                        tuple("openai", "openai", "https://api.openai.com/v1"),
                        tuple("anthropic", "anthropic", "https://api.anthropic.com"),
                        tuple("gemini", "gemini", "https://generativelanguage.googleapis.com"),
                        tuple("deepseek", "openai-compatible", "https://api.deepseek.com"));
        assertThat(config.providers()).allSatisfy(p -> assertThat(p.apiKey()).isNull());
        assertThat(new ConfigValidator().validate(config, ConfigLoader.DEFAULTS_SOURCE)).isEmpty();
    }

    @Test
    void theMetricsTokenComesFromTheEnvironmentWithTheDefaultsAndIsNeverPrinted() {
        assertThat(new ConfigLoader(Map.of()).loadDefaults().metrics().token()).isNull();
        var config = new ConfigLoader(Map.of("KEYROUTE_METRICS_TOKEN", "scrape-0123456789abcdef")).loadDefaults();

        assertThat(config.metrics().token()).isEqualTo("scrape-0123456789abcdef");
        assertThat(config.toString()).doesNotContain("scrape-0123456789abcdef");
    }

    @Test
    void aShortMetricsTokenIsRejectedWithoutQuotingIt() {
        ConfigException e = failure("metrics: { token: short-tok }\n");

        assertThat(e.getMessage()).contains("metrics.token").doesNotContain("short-tok");
    }

    @Test
    void embeddedDefaultsTakeSystemKeysFromTheEnvironment() {
        var env = Map.of("OPENAI_API_KEY", "sk-openai", "ANTHROPIC_API_KEY", "sk-ant",
                "GOOGLE_API_KEY", "AIza-google", "DEEPSEEK_API_KEY", "sk-deep");
        var config = new ConfigLoader(env).loadDefaults();

        assertThat(provider(config, "openai").apiKey()).isEqualTo("sk-openai");
        assertThat(provider(config, "anthropic").apiKey()).isEqualTo("sk-ant");
        assertThat(provider(config, "gemini").apiKey()).isEqualTo("AIza-google");
        assertThat(provider(config, "deepseek").apiKey()).isEqualTo("sk-deep");
    }

    @Test
    void geminiKeyWinsOverGoogleKey() {
        var config = new ConfigLoader(Map.of("GEMINI_API_KEY", "g1", "GOOGLE_API_KEY", "g2")).loadDefaults();
        assertThat(provider(config, "gemini").apiKey()).isEqualTo("g1");
    }

    @Test
    void theContractExampleLoadsAndValidates() throws IOException {
        Path file = dir.resolve("keyroute.yaml");
        try (InputStream in = getClass().getResourceAsStream("contract-example.yaml")) {
            Files.write(file, in.readAllBytes());
        }

        var config = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-test")).load(file);

        assertThat(config.redis().url()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(provider(config, "openai").apiKey()).isEqualTo("sk-test");
        assertThat(provider(config, "openai").timeoutMs()).isEqualTo(60_000L);
        assertThat(config.models()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("deepseek/deepseek-chat");
            assertThat(m.inputUsdPerMtok()).isEqualTo(0.27);
            assertThat(m.contextWindow()).isEqualTo(65536);
            assertThat(m.capabilities()).containsExactly("tools", "streaming");
        });
        assertThat(config.routes()).singleElement().satisfies(r -> {
            assertThat(r.strategy()).isEqualTo("complexity");
            assertThat(r.candidates()).hasSize(3);
            assertThat(r.fallback()).containsExactly("openai/gpt-4o-mini", "gemini/gemini-2.5-flash");
        });
        assertThat(config.retry().maxAttempts()).isEqualTo(3);
        assertThat(config.plans().get("free").byok()).isFalse();
        assertThat(config.plans().get("free").monthlyBudgetUsd()).isEqualTo(5.0);
        assertThat(config.plans().get("pro").models()).containsExactly("*");
    }

    @Test
    void circuitBreakerSettingsAreReadWithDefaultsForTheRest() {
        var breaker = load("circuit_breaker: { consecutive_failures: 3, open_ms: 10000 }", Map.of()).circuitBreaker().breaker();

        assertThat(breaker).isEqualTo(new BreakerSettings(3, 0.5, 20, 10, Duration.ofSeconds(10), 1));
        assertThat(load("server: { port: 8080 }", Map.of()).circuitBreaker().breaker()).isEqualTo(BreakerSettings.DEFAULT);
    }

    @Test
    void storedResponsesAreKeptThirtyDaysUnlessConfigured() {
        assertThat(new ConfigLoader(Map.of()).loadDefaults().responses().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(load("server: { port: 8080 }", Map.of()).responses().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(load("responses: { retention_days: 7 }", Map.of()).responses().retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void builtInProvidersStayAvailableAndAFileEntryReplacesOne() {
        var config = load("""
                providers:
                  - { id: openai, type: openai, base_url: "http://127.0.0.1:9000/v1" }
                  - { id: local, type: mock }
                """, Map.of());

        assertThat(config.providers()).extracting(ProviderSettings::id)
                .containsExactly("openai", "local", "anthropic", "gemini", "deepseek");
        assertThat(provider(config, "openai").baseUrl()).isEqualTo("http://127.0.0.1:9000/v1");
    }

    @Test
    void environmentOverridesWinOverTheFile() {
        var env = Map.of("KEYROUTE_PORT", "9999",
                "KEYROUTE_DATABASE_URL", "jdbc:postgresql://db/keyroute",
                "KEYROUTE_REDIS_URL", "redis://cache:6379");
        var config = load("""
                server: { host: 0.0.0.0, port: 8081, max_request_bytes: 1000 }
                database: { url: "jdbc:sqlite:other.db" }
                redis: { url: "redis://file:6379" }
                """, env);

        assertThat(config.server().port()).isEqualTo(9999);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().maxRequestBytes()).isEqualTo(1000L);
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db/keyroute");
        assertThat(config.redis().url()).isEqualTo("redis://cache:6379");
    }

    @Test
    void theAvailabilityBoundsAreReadWithTheirDefaultsAndAPortOverrideKeepsThem() {
        var defaults = load("server: { port: 8080 }", Map.of()).server();
        assertThat(List.of(defaults.maxInFlight(), defaults.maxInFlightPerKey())).containsExactly(2048, 256);
        assertThat(List.of(defaults.maxBufferedBodyBytes(), defaults.drainMs(), defaults.requestHeadTimeoutMs(),
                defaults.writeTimeoutMs(), defaults.streamMaxMs()))
                .containsExactly(128L * 1024 * 1024, 30_000L, 20_000L, 30_000L, 1_800_000L);

        var set = load("""
                server: { max_in_flight: 100, max_in_flight_per_key: 10, max_request_bytes: 65536,
                          max_buffered_body_bytes: 1048576, drain_ms: 5000,
                          request_head_timeout_ms: 4000, write_timeout_ms: 3000, stream_max_ms: 60000 }
                """, Map.of("KEYROUTE_PORT", "9999")).server();
        assertThat(set.port()).isEqualTo(9999);
        assertThat(List.of(set.maxInFlight(), set.maxInFlightPerKey())).containsExactly(100, 10);
        assertThat(List.of(set.maxBufferedBodyBytes(), set.drainMs(), set.requestHeadTimeoutMs(), set.writeTimeoutMs(),
                set.streamMaxMs())).containsExactly(1_048_576L, 5_000L, 4_000L, 3_000L, 60_000L);
    }

    @Test
    void aKeysShareOfRequestsInFlightCannotPassTheWholeAndBoundsMustBePositive() {
        assertThat(failure("""
                server: { max_in_flight: 10, max_in_flight_per_key: 20, write_timeout_ms: 0,
                          max_request_bytes: 2000, max_buffered_body_bytes: 1000 }
                """).getMessage())
                .contains("keyroute.yaml: server.max_in_flight_per_key: must be at most max_in_flight (10)")
                .contains("keyroute.yaml: server.max_buffered_body_bytes: must be at least max_request_bytes (2000)")
                .contains("keyroute.yaml: server.write_timeout_ms: must be greater than 0");
    }

    @Test
    void sessionAffinityIsBoundedAndMayBeTurnedOff() {
        var defaults = load("server: { port: 8080 }", Map.of()).server();
        assertThat(defaults.affinitySessions()).isEqualTo(50_000);
        assertThat(defaults.affinityIdleMs()).isEqualTo(3_600_000L);
        var off = load("server: { affinity_sessions: 0, affinity_idle_ms: 60000 }", Map.of()).server();
        assertThat(off.affinitySessions()).isZero();
        assertThat(off.affinityIdleMs()).isEqualTo(60_000L);

        assertThat(failure("server: { affinity_sessions: 1000001, affinity_idle_ms: 0 }").getMessage())
                .contains("keyroute.yaml: server.affinity_sessions: must be at most 1000000")
                .contains("keyroute.yaml: server.affinity_idle_ms: must be greater than 0");
        assertThat(failure("server: { affinity_sessions: -1 }").getMessage())
                .contains("keyroute.yaml: server.affinity_sessions: must be 0 or more");
    }

    @Test
    void environmentOverridesApplyToTheDefaultsToo() {
        var config = new ConfigLoader(Map.of("KEYROUTE_PORT", "7000", "KEYROUTE_REDIS_URL", " ")).loadDefaults();
        assertThat(config.server().port()).isEqualTo(7000);
        assertThat(config.redis()).isNull();
    }

    @Test
    void aBadPortInTheEnvironmentIsAnError() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("KEYROUTE_PORT", "80a")).loadDefaults())
                .hasMessage("environment: KEYROUTE_PORT: must be a port number in 1..65535");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("KEYROUTE_PORT", "70000")).loadDefaults())
                .hasMessage("environment: KEYROUTE_PORT: must be a port number in 1..65535");
    }

    @Test
    void anEmptyFileIsTheRecordDefaultsPlusBuiltInProviders() {
        var config = load("# nothing yet\n", Map.of());
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.providers()).hasSize(4);
    }

    @Test
    void aBlankRedisUrlMeansNoRedis() {
        assertThat(load("redis: { url: ${REDIS_URL:-} }", Map.of()).redis()).isNull();
    }

    @Test
    void substitutionErrorsNameTheFile() {
        Path file = dir.resolve("gw.yaml");
        assertThatThrownBy(() -> {
            Files.writeString(file, "server:\n  port: ${PORT}\n");
            new ConfigLoader(Map.of()).load(file);
        }).hasMessage(file + ": line 2: environment variable PORT is not set and has no default"
                + " (write ${PORT:-} to make it optional)");
    }

    @Test
    void substitutedNumbersAndBooleansAreTyped() {
        var config = load("""
                server: { port: ${PORT:-8181} }
                plans: { free: { byok: ${BYOK:-false} } }
                """, Map.of());
        assertThat(config.server().port()).isEqualTo(8181);
        assertThat(config.plans().get("free").byok()).isFalse();
    }

    @Test
    void anUnknownKeyNamesItsPathAndTheKnownOnes() {
        var e = failure("""
                providers:
                  - id: openai
                    type: openai
                    bse_url: https://api.openai.com/v1
                """);
        assertThat(e.problems()).containsExactly("keyroute.yaml: providers[0].bse_url: unknown field (known: "
                + "api_key, base_url, connect_timeout_ms, id, options, timeout_ms, type) (line 4, column 5)");
    }

    @Test
    void anUnknownTopLevelKey() {
        assertThat(failure("serve: { port: 1 }").getMessage())
                .startsWith("keyroute.yaml: serve: unknown field (known: a2a, alerts, aliases, cache, circuit_breaker, "
                        + "database, experiments, guardrails, mcp, metrics, models, plans, policies, providers,");
    }

    @Test
    void aWrongTypeNamesPathAndExpectedKindButNotTheValue() {
        var e = failure("providers:\n  - { id: openai, type: openai, timeout_ms: 60s }\n");
        assertThat(e.getMessage())
                .startsWith("keyroute.yaml: providers[0].timeout_ms: expected a whole number (line 2,")
                .doesNotContain("60s");
        assertThat(failure("routes: [ { name: a, candidates: openai/x } ]").getMessage())
                .startsWith("keyroute.yaml: routes[0].candidates: expected a list");
        assertThat(failure("server: 8080").getMessage())
                .startsWith("keyroute.yaml: server: expected a mapping (key: value)");
    }

    @Test
    void yamlSyntaxErrorsGiveThePosition() {
        assertThat(failure("server:\n  host: a\n   port: 1\n").getMessage())
                .isEqualTo("keyroute.yaml: YAML syntax error: mapping values are not allowed here (line 3, column 8)");
        assertThat(failure("server: { port: 1\n").getMessage())
                .isEqualTo("keyroute.yaml: YAML syntax error: expected ',' or '}', but got <stream end>"
                        + " (line 2, column 1)");
        assertThat(failure("server:\n\tport: 1\n").getMessage())
                .startsWith("keyroute.yaml: YAML syntax error: found character '\\t(TAB)' that cannot start any token")
                .endsWith("(line 2, column 1)");
    }

    @Test
    void anOutOfRangeNumberNamesThePath() {
        assertThat(failure("server: { port: 99999999999 }").getMessage())
                .isEqualTo("keyroute.yaml: server.port: number out of range (line 1, column 11)");
    }

    @Test
    void duplicateKeysAreErrors() {
        assertThat(failure("server: { port: 1 }\nserver: { port: 2 }\n").getMessage())
                .startsWith("keyroute.yaml: duplicate key 'server'");
    }

    @Test
    void anEmptyListEntryIsAnError() {
        assertThat(failure("providers:\n  -\n").getMessage()).contains("has an empty entry");
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(missing))
                .hasMessage(missing + ": file not found");
    }

    @Test
    void theConfigFileComesFromTheCommandLineThenKeyrouteConfig() {
        var loader = new ConfigLoader(Map.of("KEYROUTE_CONFIG", "/etc/keyroute.yaml"));
        assertThat(loader.configFile(Optional.of(Path.of("cli.yaml")))).contains(Path.of("cli.yaml"));
        assertThat(loader.configFile(Optional.empty())).contains(Path.of("/etc/keyroute.yaml"));
        assertThat(new ConfigLoader(Map.of()).configFile(Optional.empty())).isEmpty();
    }

    @Test
    void loadWithoutAFileUsesTheDefaults() throws IOException {
        var loader = new ConfigLoader(Map.of());
        assertThat(loader.load(Optional.empty())).isEqualTo(loader.loadDefaults());
        Path file = Files.writeString(dir.resolve("k.yaml"), "server: { port: 1234 }\n", StandardCharsets.UTF_8);
        assertThat(loader.load(Optional.of(file)).server().port()).isEqualTo(1234);
    }

    @Test
    void validationProblemsComeBackTogether() {
        var e = failure("""
                server: { port: 0 }
                retry: { max_attempts: 0 }
                """);
        assertThat(e.problems()).containsExactly(
                "keyroute.yaml: server.port: 0 is not in 1..65535",
                "keyroute.yaml: retry.max_attempts: must be 1 or more");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }

    @Test
    void routeCandidatesMayNameBuiltInProviders() {
        var config = load("routes: [ { name: smart, candidates: [anthropic/claude-sonnet-4-5] } ]", Map.of());
        assertThat(config.routes()).extracting(r -> r.candidates())
                .containsExactly(List.of("anthropic/claude-sonnet-4-5"));
    }

    @Test
    void routeTiersAndRetryTotalsAreRead() {
        KeyrouteConfig config = load("""
                routes:
                  - { name: auto, strategy: complexity, candidates: [openai/gpt-4o-mini], tiers: { simple: mid } }
                retry: { max_total_attempts: 4, max_total_ms: 30000 }
                """, Map.of());

        assertThat(config.routes().getFirst().tiers()).containsExactly(Map.entry("simple", "mid"));
        assertThat(config.retry().maxTotalAttempts()).isEqualTo(4);
        assertThat(config.retry().maxTotalMs()).isEqualTo(30_000L);
        assertThat(config.retry().maxAttempts()).isEqualTo(3);
    }
}
