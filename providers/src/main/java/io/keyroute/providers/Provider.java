package io.keyroute.providers;

import io.keyroute.providers.http.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A configured upstream, ready to call: its wire format ({@code adapter}), how to reach it
 * ({@code transport}, {@code baseUrl}), how long to wait, and the operator's default key if any.
 */
public record Provider(String id, ProviderKind kind, URI baseUrl, ProviderAdapter adapter, Transport transport,
                       Duration timeout, Optional<Credential> systemCredential) {
}
