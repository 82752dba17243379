package io.keyroute.providers.openai;

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

/** OpenAI's own API ({@code type: openai}): everything the OpenAI adapter passes through. */
public final class OpenAiKind implements ProviderKind {
    /** Chat (tools, images and response_format pass through as sent), streams, embeddings and the Responses API. */
    private static final Set<ProviderCapability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(ProviderCapability.REASONING)));
    private static final KeyFormat KEYS = new KeyFormat("an OpenAI key starting with 'sk-'",
            key -> key.startsWith("sk-") && !key.startsWith("sk-ant-"));

    @Override
    public String configName() {
        return "openai";
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://api.openai.com/v1");
    }

    @Override
    public ProviderAdapter newAdapter(Clock clock) {
        return adapter(clock, true);
    }

    @Override
    public KeyFormat keyFormat() {
        return KEYS;
    }

    @Override
    public Optional<UpstreamRequest> modelsProbe(URI baseUrl, Secret key) {
        return Optional.of(OpenAiApi.modelsProbe(baseUrl, key));
    }

    @Override
    public PromptFraming promptFraming() {
        return PromptFraming.OPENAI;
    }

    /**
     * The OpenAI adapter, shared by every kind that speaks OpenAI's API.
     *
     * @param responsesApi whether the server is OpenAI's own, with its Responses API
     */
    static ProviderAdapter adapter(Clock clock, boolean responsesApi) {
        return new OpenAiAdapter(new ProviderErrors(clock), new Translation(clock), responsesApi);
    }
}
