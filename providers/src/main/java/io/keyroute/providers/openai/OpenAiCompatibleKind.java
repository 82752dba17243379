package io.keyroute.providers.openai;

import io.keyroute.api.PromptFraming;
import io.keyroute.api.Secret;
import io.keyroute.providers.KeyFormat;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Any server that speaks OpenAI's API ({@code type: openai-compatible}: DeepSeek, vLLM, Ollama…):
 * the OpenAI adapter at a base URL the config must give, with any key shape. What the server
 * itself supports is its own affair; the adapter serves every capability OpenAI's does but its
 * Responses API: such servers speak chat completions, so Responses callers are translated to it.
 * They publish no prompt framing, so a budget bounds theirs with a margin.
 */
public final class OpenAiCompatibleKind implements ProviderKind {
    private static final Set<ProviderCapability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(ProviderCapability.OPENAI_RESPONSES_API, ProviderCapability.REASONING,
                    ProviderCapability.TOKEN_COUNT)));

    @Override
    public String configName() {
        return "openai-compatible";
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.empty();
    }

    @Override
    public ProviderAdapter newAdapter(Clock clock) {
        return OpenAiKind.adapter(clock, false);
    }

    @Override
    public KeyFormat keyFormat() {
        return KeyFormat.ANY;
    }

    @Override
    public Optional<UpstreamRequest> modelsProbe(URI baseUrl, Secret key) {
        return Optional.of(OpenAiApi.modelsProbe(baseUrl, key));
    }

    @Override
    public PromptFraming promptFraming() {
        return PromptFraming.OTHER;
    }
}
