package io.keyroute.server.runtime;

import io.helidon.common.LazyValue;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.vault.net.BaseUrlGuard;
import io.keyroute.vault.net.Origin;
import java.time.Duration;

/**
 * HTTP to the upstreams, by who chose the URL. A call to the origin (scheme, host and port) of a
 * configured provider's base URL is the operator's choice and resolves as usual (a local model
 * server on a private address included); any other URL can only come from a stored credential's
 * {@code base_url} and goes through a client whose name resolution is the {@link BaseUrlGuard},
 * on every connection, so a name that re-resolves to an internal address (DNS rebinding) is
 * refused. The guarded client is built on first use: most gateways never need it.
 */
final class UpstreamTransport implements Transport {
    private final ConfiguredOrigins configured;
    private final Transport trusted;
    private final LazyValue<Transport> guarded;

    UpstreamTransport(Duration connectTimeout, int connections, ConfiguredOrigins configured, BaseUrlGuard guard) {
        this.configured = configured;
        this.trusted = new HelidonTransport(connectTimeout, connections);
        this.guarded = LazyValue.create(() -> new HelidonTransport(connectTimeout, connections, guard));
    }

    @Override
    public UpstreamExchange send(String providerId, UpstreamRequest request, Duration idleTimeout) {
        Transport transport = configured.contains(Origin.of(request.uri())) ? trusted : guarded.get();
        return transport.send(providerId, request, idleTimeout);
    }
}
