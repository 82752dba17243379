package io.keyroute.server.cli.litellm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A LiteLLM provider prefix ({@code openai/}, {@code hosted_vllm/}…) Keyroute can serve, and the
 * Keyroute provider it becomes. Defaults are LiteLLM's: the base URL and key variable it uses when
 * a deployment names none.
 *
 * @param prefix      as LiteLLM writes it before the model
 * @param type        the Keyroute provider type
 * @param builtInId   the Keyroute built-in provider that is this prefix at its defaults, if any
 * @param defaultBase the base URL when the deployment gives no {@code api_base}; null: required
 * @param pathSuffix  appended to a given {@code api_base} (Ollama's OpenAI API is under {@code /v1})
 * @param keyVariable the variable LiteLLM reads the key from by default; null: no key
 */
record ProviderPrefix(String prefix, String type, String builtInId, String defaultBase, String pathSuffix,
                      String keyVariable) {
    private static final String COMPATIBLE = "openai-compatible";
    private static final List<ProviderPrefix> KNOWN = List.of(
            new ProviderPrefix("openai", "openai", "openai", "https://api.openai.com/v1", "", "OPENAI_API_KEY"),
            new ProviderPrefix("anthropic", "anthropic", "anthropic", "https://api.anthropic.com", "", "ANTHROPIC_API_KEY"),
            new ProviderPrefix("gemini", "gemini", "gemini", "https://generativelanguage.googleapis.com", "", "GEMINI_API_KEY"),
            new ProviderPrefix("deepseek", COMPATIBLE, "deepseek", "https://api.deepseek.com", "", "DEEPSEEK_API_KEY"),
            new ProviderPrefix("hosted_vllm", COMPATIBLE, null, null, "", null),
            new ProviderPrefix("openai_like", COMPATIBLE, null, null, "", null),
            new ProviderPrefix("custom_openai", COMPATIBLE, null, null, "", null),
            new ProviderPrefix("ollama", COMPATIBLE, null, "http://localhost:11434/v1", "/v1", null),
            new ProviderPrefix("ollama_chat", COMPATIBLE, null, "http://localhost:11434/v1", "/v1", null),
            new ProviderPrefix("openrouter", COMPATIBLE, null, "https://openrouter.ai/api/v1", "", "OPENROUTER_API_KEY"),
            new ProviderPrefix("groq", COMPATIBLE, null, "https://api.groq.com/openai/v1", "", "GROQ_API_KEY"),
            new ProviderPrefix("mistral", COMPATIBLE, null, "https://api.mistral.ai/v1", "", "MISTRAL_API_KEY"),
            new ProviderPrefix("xai", COMPATIBLE, null, "https://api.x.ai/v1", "", "XAI_API_KEY"),
            new ProviderPrefix("together_ai", COMPATIBLE, null, "https://api.together.xyz/v1", "", "TOGETHERAI_API_KEY"),
            new ProviderPrefix("fireworks_ai", COMPATIBLE, null, "https://api.fireworks.ai/inference/v1", "",
                    "FIREWORKS_AI_API_KEY"),
            new ProviderPrefix("perplexity", COMPATIBLE, null, "https://api.perplexity.ai", "", "PERPLEXITYAI_API_KEY"));
    private static final Map<String, ProviderPrefix> BY_PREFIX = KNOWN.stream()
            .collect(Collectors.toUnmodifiableMap(ProviderPrefix::prefix, Function.identity()));
    /** Bare model names LiteLLM sends to a provider it infers, by their start. */
    private static final Map<String, String> INFERRED = Map.of("gpt-", "openai", "chatgpt-", "openai", "o1", "openai",
            "o3", "openai", "o4", "openai", "text-embedding-", "openai", "dall-e-", "openai", "claude-", "anthropic",
            "deepseek-", "deepseek");

    static Optional<ProviderPrefix> named(String prefix) {
        return Optional.ofNullable(BY_PREFIX.get(prefix.toLowerCase(Locale.ROOT)));
    }

    /** The provider LiteLLM infers for a model written without a prefix, where Keyroute has it. */
    static Optional<ProviderPrefix> inferredFor(String bareModel) {
        String lower = bareModel.toLowerCase(Locale.ROOT);
        return INFERRED.entrySet().stream().filter(e -> lower.startsWith(e.getKey())).findFirst()
                .flatMap(e -> named(e.getValue()));
    }

    /** The type a deployment of this prefix has at {@code apiBase}: an OpenAI URL elsewhere is any compatible server. */
    String typeAt(String apiBase) {
        return type.equals("openai") && apiBase != null && !apiBase.startsWith(defaultBase) ? COMPATIBLE : type;
    }

    /** A provider id for this prefix: lower case, {@code _} as {@code -}. */
    String idStem() {
        return prefix.replace('_', '-');
    }
}
