package io.keyroute.providers.anthropic;

import io.keyroute.api.PromptFraming;
import io.keyroute.api.Secret;
import io.keyroute.providers.KeyFormat;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic's Messages API ({@code type: anthropic}): chat, streams, tools (streamed too), images
 * and JSON mode (a forced answer tool, {@link AnthropicJsonMode}). Anthropic has no embeddings API.
 */
public final class AnthropicKind implements ProviderKind {
    private static final Set<ProviderCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.complementOf(
            EnumSet.of(ProviderCapability.EMBEDDINGS, ProviderCapability.OPENAI_RESPONSES_API)));
    private static final KeyFormat KEYS = KeyFormat.startingWith("sk-ant-", "an Anthropic key starting with 'sk-ant-'");

    @Override
    public String configName() {
        return "anthropic";
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://api.anthropic.com");
    }

    @Override
    public ProviderAdapter newAdapter(Clock clock) {
        return new AnthropicAdapter(new ProviderErrors(clock), new Translation(clock));
    }

    @Override
    public KeyFormat keyFormat() {
        return KEYS;
    }

    @Override
    public Optional<UpstreamRequest> modelsProbe(URI baseUrl, Secret key) {
        return Optional.of(AnthropicApi.modelsProbe(baseUrl, key));
    }

    @Override
    public PromptFraming promptFraming() {
        return PromptFraming.ANTHROPIC;
    }
}
