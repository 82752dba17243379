package io.keyroute.providers.anthropic;

import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
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
            EnumSet.of(ProviderCapability.EMBEDDINGS)));

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
}
