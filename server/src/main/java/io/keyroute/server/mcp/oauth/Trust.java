package io.keyroute.server.mcp.oauth;

import io.keyroute.vault.net.Origin;
import java.net.URI;
import java.util.Set;

/**
 * The origins (scheme, host, port) the operator chose for one MCP server: its own URL's and, when
 * configured, its authorization server's. URLs there are called as they are; what discovery finds
 * elsewhere passes the SSRF guard.
 */
record Trust(Set<Origin> origins) {
    Trust {
        origins = Set.copyOf(origins);
    }

    static Trust of(URI... operatorUrls) {
        var set = new java.util.HashSet<Origin>();
        for (URI url : operatorUrls) {
            if (url != null) {
                set.add(Origin.of(url));
            }
        }
        return new Trust(set);
    }

    boolean trusts(URI url) {
        return url.isAbsolute() && origins.contains(Origin.of(url));
    }
}
