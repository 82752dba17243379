package io.keyroute.providers.openai;

import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import java.util.Optional;
import java.util.Set;

/**
 * Any server that speaks OpenAI's API ({@code type: openai-compatible}: DeepSeek, vLLM, Ollama…):
 * the OpenAI adapter at a base URL the config must give. What the server itself supports is its
 * own affair; the adapter serves every capability OpenAI's does.
 */
public final class OpenAiCompatibleKind implements ProviderKind {
    @Override
    public String configName() {
        return "openai-compatible";
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return OpenAiKind.CAPABILITIES;
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.empty();
    }
}
