package io.keyroute.providers;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The provider kinds Keyroute knows, asked by everything that depends on a provider's kind (the
 * runtime's wiring, the config validator, the credential checks, the budget's prompt framing).
 * The built-in kinds are found with {@link ServiceLoader} (one line per kind in
 * {@code META-INF/services/io.keyroute.providers.ProviderKind}), so this package names no provider
 * package: each of those depends on this one, never the other way round.
 */
public final class ProviderRegistry {
    private static final class BuiltIn {
        static final ProviderRegistry INSTANCE = new ProviderRegistry(
                ServiceLoader.load(ProviderKind.class, ProviderKind.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get).toList());
    }

    private final List<ProviderKind> kinds;

    /** @throws IllegalArgumentException when two kinds share a config name */
    public ProviderRegistry(List<ProviderKind> kinds) {
        long names = kinds.stream().map(ProviderKind::configName).distinct().count();
        if (names != kinds.size()) {
            throw new IllegalArgumentException("two provider kinds share a config name: " + kinds);
        }
        this.kinds = List.copyOf(kinds);
    }

    /** The kinds this build of Keyroute ships. */
    public static ProviderRegistry builtIn() {
        return BuiltIn.INSTANCE;
    }

    /** The kind a config's {@code type:} names, if any. */
    public Optional<ProviderKind> find(String configName) {
        return kinds.stream().filter(k -> k.configName().equals(configName)).findFirst();
    }

    /** Every kind, in registration order. */
    public List<ProviderKind> kinds() {
        return kinds;
    }

    /** Every kind's config name, in registration order (for messages listing the valid ones). */
    public List<String> configNames() {
        return kinds.stream().map(ProviderKind::configName).toList();
    }
}
