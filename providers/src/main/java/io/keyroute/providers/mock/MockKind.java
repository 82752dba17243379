package io.keyroute.providers.mock;

import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The in-process mock ({@code type: mock}), for {@code --demo}, tests and benchmarks. It answers
 * chat, whole or streamed, with echoed words; it never calls a tool, reads only a prompt's text,
 * ignores {@code response_format} and has no embeddings answer, so it declares none of those.
 */
public final class MockKind implements ProviderKind {
    private static final Set<ProviderCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.of(ProviderCapability.CHAT, ProviderCapability.STREAM));

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
}
