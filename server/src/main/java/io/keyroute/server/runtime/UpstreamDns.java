package io.keyroute.server.runtime;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import io.keyroute.vault.net.BaseUrlGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Name resolution for upstream connections. Hosts of the operator's configured providers resolve
 * as usual (a local model server is the operator's choice); any other host can only come from a
 * user's stored {@code base_url}, and passes the SSRF guard on every connection, so a name that
 * re-resolves to an internal address (DNS rebinding) is refused.
 */
final class UpstreamDns implements DnsResolver {
    private final BaseUrlGuard guard;
    private volatile Set<String> trustedHosts = Set.of();
    private volatile boolean allowPrivate;

    UpstreamDns() {
        this.guard = new BaseUrlGuard(() -> allowPrivate);
    }

    /** The configured providers' base URLs and the operator's setting, from the config in force. */
    void update(Collection<URI> configuredBaseUrls, boolean allowPrivateBaseUrls) {
        trustedHosts = configuredBaseUrls.stream().map(URI::getHost).filter(h -> h != null)
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        allowPrivate = allowPrivateBaseUrls;
    }

    @Override
    public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
        if (!trustedHosts.contains(hostname.toLowerCase(Locale.ROOT))) {
            return guard.resolveAddress(hostname, lookup);
        }
        try {
            return lookup.filter(InetAddress.getAllByName(hostname))[0];
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve " + hostname, e);
        }
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }
}
