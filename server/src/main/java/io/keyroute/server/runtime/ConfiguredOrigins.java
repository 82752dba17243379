package io.keyroute.server.runtime;

import io.keyroute.vault.net.Origin;
import java.net.URI;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** The origins of the configured providers' base URLs, as of the config in force. */
final class ConfiguredOrigins {
    private volatile Set<Origin> origins = Set.of();

    void update(Collection<URI> baseUrls) {
        origins = baseUrls.stream().map(Origin::of).collect(Collectors.toUnmodifiableSet());
    }

    boolean contains(Origin origin) {
        return origins.contains(origin);
    }
}
