package io.keyroute.providers.gemini;

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
 * Google's Gemini API ({@code type: gemini}): chat and streams translated both ways, function
 * calls (streamed too), images as {@code inlineData}, JSON mode as {@code responseMimeType} /
 * {@code responseSchema}, and embeddings ({@code embedContent}, {@code batchEmbedContents}).
 * Gemini publishes no prompt framing, so a budget bounds its with a margin.
 */
public final class GeminiKind implements ProviderKind {
    private static final Set<ProviderCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(ProviderCapability.OPENAI_RESPONSES_API)));
    private static final KeyFormat KEYS = KeyFormat.startingWith("AIza", "a Google AI key starting with 'AIza'");

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
        return Optional.of(GeminiApi.MODELS_PREFIX);
    }

    @Override
    public ProviderAdapter newAdapter(Clock clock) {
        return new GeminiAdapter(new ProviderErrors(clock), new Translation(clock));
    }

    @Override
    public KeyFormat keyFormat() {
        return KEYS;
    }

    @Override
    public Optional<UpstreamRequest> modelsProbe(URI baseUrl, Secret key) {
        return Optional.of(GeminiApi.modelsProbe(baseUrl, key));
    }

    @Override
    public PromptFraming promptFraming() {
        return PromptFraming.GEMINI;
    }
}
