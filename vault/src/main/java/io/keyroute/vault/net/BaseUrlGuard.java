package io.keyroute.vault.net;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import io.keyroute.vault.common.VaultErrors;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The SSRF guard for a caller-supplied {@code base_url} (a stored credential's own endpoint): http(s)
 * only, and none of the {@link InternalAddresses} (loopback, private, link-local with the cloud
 * metadata services, reserved, and their IPv6 disguises) unless the operator allows private base
 * URLs. Checked on the resolved addresses when the URL is stored and again, as the HTTP client's
 * DNS resolver, on every connection: a name that later resolves elsewhere (DNS rebinding) is
 * refused then. The operator's own provider base URLs never pass through it.
 */
public final class BaseUrlGuard implements DnsResolver {
    private final BooleanSupplier allowPrivate;

    public BaseUrlGuard(BooleanSupplier allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The parsed URL, when it is acceptable; a 422 otherwise. */
    public URI check(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw refused("base_url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("base_url must be an http or https URL.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused("base_url must be scheme://host[:port][/path], without credentials, query or fragment.");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                requirePublic(address);
            }
        } catch (UnknownHostException e) {
            throw refused("base_url's host '" + uri.getHost() + "' does not resolve.");
        } catch (IllegalStateException e) {
            throw refused("base_url " + e.getMessage());
        }
        return uri;
    }

    @Override
    public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
        try {
            InetAddress[] addresses = lookup.filter(InetAddress.getAllByName(hostname));
            for (InetAddress address : addresses) {
                requirePublic(address);
            }
            return addresses[0];
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve " + hostname, e);
        }
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    private void requirePublic(InetAddress address) {
        if (!allowPrivate.getAsBoolean() && isInternal(address)) {
            throw new IllegalStateException("resolves to a loopback, private, link-local, reserved or metadata address ("
                    + address.getHostAddress() + "); an operator may allow this with security.allow_private_base_urls");
        }
    }

    static boolean isInternal(InetAddress address) {
        return InternalAddresses.contains(address);
    }

    private static RuntimeException refused(String message) {
        return VaultErrors.unprocessable("base_url_refused", message, "base_url");
    }
}
