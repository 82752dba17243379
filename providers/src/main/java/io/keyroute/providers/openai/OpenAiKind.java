package io.keyroute.providers.openai;

import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** OpenAI's own API ({@code type: openai}): everything the OpenAI adapter passes through. */
public final class OpenAiKind implements ProviderKind {
    /** Chat (tools, images and response_format pass through as sent), streams and embeddings. */
    static final Set<ProviderCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.allOf(ProviderCapability.class));

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
}
