package io.keyroute.server.cli.litellm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's own configs (src/test/resources/litellm, sources in its README) convert into Keyroute
 * configs that Keyroute's {@link ConfigLoader} accepts, with every setting not carried over listed.
 */
class LiteLlmImportTest {
    private static final String LOAD_BALANCER = "load_balancer.yaml";
    private static final String RELIABILITY = "reliability_docs.yaml";
    private static final String PROXY_SERVER = "proxy_server_config.yaml";

    private final LiteLlmImport importer = new LiteLlmImport();

    @Test
    void theLoadBalancerExampleIsOneWeightedRouteWithItsPlaintextKeysMovedToVariables() throws IOException {
        Conversion conversion = importer.convert(resource(LOAD_BALANCER), LOAD_BALANCER);

        KeyrouteConfig config = load(conversion, Map.of());
        RouteSettings route = route(config, "gpt-3.5-turbo");
        assertThat(route.strategy()).isEqualTo("weighted");
        assertThat(route.candidates()).containsExactly("openai-2/gpt-3.5-turbo", "openai-3/gpt-3.5-turbo",
                "openrouter/gpt-3.5-turbo");
        // simple-shuffle weighs by rpm when a deployment has one; openrouter's has none (LiteLLM reads 0)
        assertThat(route.weights()).containsExactlyInAnyOrderEntriesOf(Map.of("openai-2/gpt-3.5-turbo", 3,
                "openai-3/gpt-3.5-turbo", 3, "openrouter/gpt-3.5-turbo", 0));
        assertThat(provider(config, "openai-2").apiKey()).isEqualTo("sk-uj6F");
        assertThat(provider(config, "openai-3").apiKey()).isEqualTo("sk-Imn");
        assertThat(provider(config, "openrouter").baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(conversion.yaml()).doesNotContain("sk-uj6F", "sk-Imn", "eYVX71")
                .contains("api_key: \"${LITELLM_OPENAI_2_API_KEY}\"");
        assertThat(conversion.inlineSecrets()).containsOnlyKeys("LITELLM_OPENAI_2_API_KEY", "LITELLM_OPENAI_3_API_KEY");

        assertThat(conversion.notCarried()).extracting(NotCarried::toString).containsExactly(
                "model_list[0].litellm_params.api_key: written in plaintext in the LiteLLM file; the Keyroute config"
                        + " reads it from ${LITELLM_OPENAI_2_API_KEY}: set that variable (serve supplies it in memory)",
                "model_list[0].rpm: used as a load-balancing weight only; Keyroute limits rates per key, user and"
                        + " workspace, not per deployment",
                "model_list[0].tpm: used as a load-balancing weight only; Keyroute limits rates per key, user and"
                        + " workspace, not per deployment",
                "model_list[1].litellm_params.api_key: written in plaintext in the LiteLLM file; the Keyroute config"
                        + " reads it from ${LITELLM_OPENAI_3_API_KEY}: set that variable (serve supplies it in memory)",
                "model_list[1].rpm: used as a load-balancing weight only; Keyroute limits rates per key, user and"
                        + " workspace, not per deployment",
                "model_list[1].tpm: used as a load-balancing weight only; Keyroute limits rates per key, user and"
                        + " workspace, not per deployment",
                "model_list[3]: Keyroute has no 'mistralai' provider",
                "litellm_settings.drop_params: Keyroute translates each request to its provider's API itself; it has"
                        + " no switch for dropping parameters",
                "environment_variables: not copied (the values may be secrets): set these variables in Keyroute's"
                        + " environment");
    }

    @Test
    void theReliabilityExampleCarriesRetriesTimeoutsAndCooldownsAndSaysWhichFallbackIsLost() throws IOException {
        Conversion conversion = importer.convert(resource(RELIABILITY), RELIABILITY);

        KeyrouteConfig config = load(conversion, Map.of());
        assertThat(config.retry().maxAttempts()).isEqualTo(4); // num_retries: 3 retries after the first try
        assertThat(config.circuitBreaker().consecutiveFailures()).isEqualTo(4);
        assertThat(config.circuitBreaker().openMs()).isEqualTo(30_000L);
        assertThat(provider(config, "openai-2").timeoutMs()).isEqualTo(10_000L); // request_timeout: 10 (seconds)
        assertThat(route(config, "gpt-3.5-turbo-16k").candidates()).containsExactly("openai-2/gpt-3.5-turbo-16k");
        assertThat(route(config, "gpt-3.5-turbo").strategy()).isEqualTo("fallback");
        assertThat(conversion.yaml()).doesNotContain("<my-openai-key>");

        assertThat(conversion.notCarried()).extracting(NotCarried::toString).containsExactly(
                "model_list[0]: Keyroute has no 'huggingface' provider",
                "model_list[1]: Keyroute has no 'huggingface' provider",
                "model_list[2]: Keyroute has no 'huggingface' provider",
                "model_list[3].litellm_params.api_key: written in plaintext in the LiteLLM file; the Keyroute config"
                        + " reads it from ${LITELLM_OPENAI_2_API_KEY}: set that variable (serve supplies it in memory)",
                "litellm_settings.fallbacks.zephyr-beta: its group was not carried over",
                "litellm_settings.allowed_fails: carried as circuit_breaker.consecutive_failures (one more): LiteLLM"
                        + " counts failures in a minute, Keyroute failures in a row or circuit_breaker.error_rate over"
                        + " its window");
    }

    @Test
    void litellmsOwnProxyConfigLoadsWithItsEnvironmentReferencesKept() throws IOException {
        Conversion conversion = importer.convert(resource(PROXY_SERVER), PROXY_SERVER);

        KeyrouteConfig config = load(conversion, Map.of("OPENAI_API_KEY", "sk-from-env-0123456789",
                "REDIS_HOST", "redis.internal", "REDIS_PORT", "6380", "REDIS_PASSWORD", "redis-pw-from-env"));
        assertThat(conversion.yaml()).contains("url: \"redis://:${REDIS_PASSWORD}@${REDIS_HOST}:${REDIS_PORT}\"")
                .doesNotContain("fake-key", "sk-1234");
        assertThat(config.redis().url()).isEqualTo("redis://:redis-pw-from-env@redis.internal:6380");
        assertThat(config.retry().maxAttempts()).isEqualTo(6);
        assertThat(provider(config, "openai-2").apiKey()).isEqualTo("sk-from-env-0123456789");
        assertThat(provider(config, "openai-2").timeoutMs()).isEqualTo(300_000L); // the deployment's own timeout: 300
        assertThat(provider(config, "openai").timeoutMs()).isEqualTo(600_000L); // request_timeout: 600
        assertThat(provider(config, "openai-3").type()).isEqualTo("openai-compatible");
        RouteSettings balanced = route(config, "fake-openai-endpoint-3");
        assertThat(balanced.weights()).containsExactlyInAnyOrderEntriesOf(Map.of("openai-4/my-fake-model", 1000,
                "openai-4/my-fake-model-2", 1000));
        assertThat(config.aliases()).containsExactlyEntriesOf(Map.of("my-special-fake-model-alias-name",
                "fake-openai-endpoint-3"));
        assertThat(conversion.notCarried()).extracting(NotCarried::path).contains("model_list[1]", "model_list[14]",
                "general_settings.master_key", "general_settings.pass_through_endpoints", "router_settings.routing_strategy",
                "litellm_settings.context_window_fallbacks.gpt-3.5-turbo", "finetune_settings", "files_settings")
                .doesNotContain("litellm_settings.num_retries", "litellm_settings.request_timeout",
                        "router_settings.model_group_alias", "router_settings.redis_host");
    }

    @Test
    void strategiesFallbacksAndLocalServersMapToKeyroutesOwn() {
        String litellm = """
                model_list:
                  - model_name: chat
                    litellm_params: { model: anthropic/claude-sonnet-4-5, api_key: os.environ/MY_ANTHROPIC }
                  - model_name: chat
                    litellm_params: { model: gemini/gemini-2.5-flash }
                  - model_name: local
                    litellm_params: { model: ollama/llama3.1, api_base: "http://ollama:11434/" }
                  - model_name: vllm
                    litellm_params: { model: hosted_vllm/qwen, api_base: "http://vllm:8000/v1", input_cost_per_token: 0.0000002 }
                  - model_name: broken
                    litellm_params: { model: hosted_vllm/qwen }
                router_settings:
                  routing_strategy: latency-based-routing
                  fallbacks: [{"chat": ["local"]}]
                  default_fallbacks: ["vllm"]
                  redis_host: cache
                  redis_password: plain-redis-pw
                  retry_after: 2
                general_settings:
                  database_url: "postgresql://llm:db-pw@db.internal:5432/litellm"
                  master_key: os.environ/LITELLM_MASTER_KEY
                """;
        Conversion conversion = importer.convert(litellm, "litellm.yaml");
        KeyrouteConfig config = load(conversion, Map.of("MY_ANTHROPIC", "sk-ant-from-env"));

        RouteSettings chat = route(config, "chat");
        assertThat(chat.strategy()).isEqualTo("latency");
        assertThat(chat.candidates()).containsExactly("anthropic-2/claude-sonnet-4-5", "gemini/gemini-2.5-flash");
        assertThat(chat.fallback()).containsExactly("ollama/llama3.1", "hosted-vllm/qwen");
        assertThat(route(config, "local").fallback()).containsExactly("hosted-vllm/qwen");
        assertThat(route(config, "vllm").fallback()).isEmpty();
        assertThat(provider(config, "ollama").baseUrl()).isEqualTo("http://ollama:11434/v1");
        assertThat(provider(config, "anthropic-2").apiKey()).isEqualTo("sk-ant-from-env");
        assertThat(config.models()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("hosted-vllm/qwen");
            assertThat(m.inputUsdPerMtok()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(config.retry().backoffMs()).isEqualTo(2_000L);
        assertThat(config.redis().url()).isEqualTo("redis://:plain-redis-pw@cache:6379");
        assertThat(config.database().url())
                .isEqualTo("jdbc:postgresql://db.internal:5432/litellm?user=llm&password=db-pw");
        assertThat(conversion.yaml()).doesNotContain("plain-redis-pw", "db-pw");
        assertThat(conversion.inlineSecrets()).containsOnlyKeys("LITELLM_REDIS_PASSWORD", "LITELLM_DATABASE_PASSWORD");
        assertThat(conversion.notCarried()).extracting(NotCarried::toString).contains(
                "model_list[4]: a hosted_vllm deployment needs an api_base");
        assertThat(conversion.notCarried()).extracting(NotCarried::path).contains("general_settings.master_key")
                .doesNotContain("general_settings.database_url.", "router_settings.routing_strategy");
    }

    @Test
    void aGroupNamedLikeAProviderAndAnAliasKeyrouteRefusesAreListedSoTheConfigStillLoads() {
        String litellm = """
                model_list:
                  - model_name: gemini
                    litellm_params: { model: gemini/gemini-2.5-pro }
                  - model_name: fast
                    litellm_params: { model: gemini/gemini-2.5-flash }
                  - model_name: fast
                    litellm_params: { model: deepseek/deepseek-chat }
                router_settings:
                  model_group_alias: {"my fast": "fast", "quick": "fast", "gemini-pro": "gemini"}
                  fallbacks: [{"fast": ["gemini"]}]
                """;
        Conversion conversion = importer.convert(litellm, "litellm.yaml");
        KeyrouteConfig config = load(conversion, Map.of());

        assertThat(config.routes()).extracting(RouteSettings::name).containsExactly("fast");
        assertThat(route(config, "fast").weights()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "gemini/gemini-2.5-flash", 1, "deepseek/deepseek-chat", 1));
        assertThat(config.aliases()).containsExactlyEntriesOf(Map.of("quick", "fast"));
        assertThat(conversion.notCarried()).extracting(NotCarried::toString).containsExactly(
                "model_list (model_name gemini): 'gemini' is a Keyroute provider id, so no route may have that name;"
                        + " its models are reachable as gemini/MODEL",
                "router_settings.fallbacks.fast: fallback 'gemini' was not carried over",
                "router_settings.model_group_alias.my fast: not a model name Keyroute accepts (at most 256 of A-Z a-z"
                        + " 0-9 . _ : @ + -)",
                "router_settings.model_group_alias.gemini-pro: its group 'gemini' was not carried over");
    }

    @Test
    void aFileWithoutModelListIsNoLiteLlmConfig() {
        assertThat(LiteLlmImport.isLiteLlm("providers: []\n")).isFalse();
        assertThat(LiteLlmImport.isLiteLlm("model_list: []\n")).isTrue();
        assertThat(LiteLlmImport.isLiteLlm("model_list: [\n")).isFalse();
        assertThatThrownBy(() -> importer.convert("server: {port: 1}\n", "keyroute.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyroute.yaml: not a LiteLLM config (no top-level model_list)");
    }

    /** Loads the converted text as {@code serve} does: the plaintext keys supplied in memory. */
    static KeyrouteConfig load(Conversion conversion, Map<String, String> env) {
        var all = new HashMap<>(conversion.inlineSecrets());
        all.putAll(env);
        return new ConfigLoader(all).load(conversion.yaml(), "converted.yaml");
    }

    private static RouteSettings route(KeyrouteConfig config, String name) {
        return config.routes().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static ProviderSettings provider(KeyrouteConfig config, String id) {
        List<ProviderSettings> matching = config.providers().stream().filter(p -> p.id().equals(id)).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = LiteLlmImportTest.class.getResourceAsStream("/litellm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
