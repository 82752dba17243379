package io.keyroute.server.runtime;

import io.keyroute.vault.credentials.ProviderDirectory;
import io.keyroute.vault.credentials.ProviderInfo;
import java.util.Optional;
import java.util.function.Supplier;

/** The vault's view of the providers: those of the runtime in force (reloads included). */
public final class RuntimeProviders implements ProviderDirectory {
    private final Supplier<GatewayRuntime> runtimes;

    public RuntimeProviders(Supplier<GatewayRuntime> runtimes) {
        this.runtimes = runtimes;
    }

    @Override
    public Optional<ProviderInfo> find(String providerId) {
        return Optional.ofNullable(runtimes.get().providers().get(providerId))
                .map(p -> new ProviderInfo(p.id(), p.kind().configName(), p.baseUrl(), p.kind().keyFormat()::mismatch));
    }
}
