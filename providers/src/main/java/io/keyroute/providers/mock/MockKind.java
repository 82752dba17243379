package io.keyroute.providers.mock;

import io.keyroute.api.PromptFraming;
import io.keyroute.api.Secret;
import io.keyroute.providers.KeyFormat;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-process mock ({@code type: mock}), for {@code --demo}, tests and benchmarks: the OpenAI
 * adapter over {@link MockTransport}, with a key of its own. It answers chat, whole or streamed,
 * with echoed words; it never calls a tool, reads only a prompt's text, ignores
 * {@code response_format} and has no embeddings answer, so it declares none of those.
 */
public final class MockKind implements ProviderKind {
    private static final Set<ProviderCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.of(ProviderCapability.CHAT, ProviderCapability.STREAM));
    private static final Secret KEY = Secret.of("mock");

    @Override
    public String configName() {
        return "mock";
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("mock://local");
    }

    @Override
    public ProviderAdapter newAdapter(Clock clock) {
        return new OpenAiAdapter(new ProviderErrors(clock), new Translation(clock));
    }

    @Override
    public KeyFormat keyFormat() {
        return KeyFormat.ANY;
    }

    /** Nothing to ask: every key works. */
    @Override
    public Optional<UpstreamRequest> modelsProbe(URI baseUrl, Secret key) {
        return Optional.empty();
    }

    /** No published framing: a chat template's margin, as for other OpenAI-shaped servers. */
    @Override
    public PromptFraming promptFraming() {
        return PromptFraming.OTHER;
    }

    @Override
    public Optional<Transport> ownTransport(Map<String, Object> options, Clock clock) {
        return Optional.of(new MockTransport(MockSettings.fromOptions(options), clock));
    }

    @Override
    public Optional<Secret> builtInKey() {
        return Optional.of(KEY);
    }
}
