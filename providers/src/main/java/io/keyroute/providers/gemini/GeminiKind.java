package io.keyroute.providers.gemini;

import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Google's Gemini API ({@code type: gemini}): chat and streams translated both ways, function
 * calls (streamed too), images as {@code inlineData}, JSON mode as {@code responseMimeType} /
 * {@code responseSchema}, and embeddings ({@code embedContent}, {@code batchEmbedContents}).
 */
public final class GeminiKind implements ProviderKind {
    private static final Set<ProviderCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.allOf(ProviderCapability.class));

    @Override
    public String configName() {
        return "gemini";
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://generativelanguage.googleapis.com");
    }

    @Override
    public Optional<String> modelPrefix() {
        return Optional.of("models/");
    }
}
