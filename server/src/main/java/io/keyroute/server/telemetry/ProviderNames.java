package io.keyroute.server.telemetry;

import io.keyroute.providers.Provider;

/**
 * {@code gen_ai.provider.name}: the GenAI conventions' name for a provider's API where it has one
 * ({@code openai}, {@code anthropic}, {@code gcp.gemini}); an OpenAI-compatible provider by its id in
 * the config (e.g. {@code groq}, {@code deepseek}, which the conventions name so too).
 */
final class ProviderNames {
    private ProviderNames() {
    }

    static String of(Provider provider) {
        return switch (provider.kind().configName()) {
            case "gemini" -> "gcp.gemini";
            case "openai-compatible" -> provider.id();
            case "mock" -> "keyroute.mock";
            default -> provider.kind().configName();
        };
    }
}
