package io.keyroute.testkit.oauth;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What makes an MCP endpoint an OAuth protected resource (MCP authorization spec, RFC 9728, RFC
 * 6750): its metadata at {@code /.well-known/oauth-protected-resource<path>} naming the
 * authorization server, and a filter that answers a request to {@code <path>} without a bearer token
 * live for this resource at that server with 401 and
 * {@code WWW-Authenticate: Bearer resource_metadata="…", scope="…"}. The resource's URL is the
 * request's own origin and the path. It records the {@code Authorization} headers it saw.
 */
public final class ResourceGuard implements Filter {
    private final String path;
    private final String authorizationServer;
    private final FakeAuthorizationServer tokens;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /**
     * @param path                the protected endpoint's path ({@code /mcp})
     * @param authorizationServer the issuer the metadata names (usually {@code tokens.issuer()})
     * @param tokens              the server that says which tokens are live
     */
    public ResourceGuard(String path, String authorizationServer, FakeAuthorizationServer tokens) {
        this.path = path;
        this.authorizationServer = authorizationServer;
        this.tokens = tokens;
    }

    /** Adds the metadata route and this filter to {@code routing}. */
    public void install(HttpRouting.Builder routing) {
        routing.addFilter(this);
        routing.get("/.well-known/oauth-protected-resource" + path, (req, res) -> {
            res.headers().contentType(MediaTypes.APPLICATION_JSON);
            res.send("{\"resource\":\"" + origin(req.requestedUri()) + path + "\",\"authorization_servers\":[\""
                    + authorizationServer + "\"],\"scopes_supported\":[\"tools:read\",\"tools:call\"],"
                    + "\"bearer_methods_supported\":[\"header\"]}");
        });
    }

    /** Every {@code Authorization} header a protected request carried, in order ("" for none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.path().absolute().path().equals(path)) {
            chain.proceed();
            return;
        }
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        authorizations.add(header);
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : "";
        String origin = origin(req.requestedUri());
        if (tokens.accepts(token, origin + path)) {
            chain.proceed();
            return;
        }
        res.status(Status.UNAUTHORIZED_401).header(HeaderNames.WWW_AUTHENTICATE, "Bearer resource_metadata=\"" + origin
                + "/.well-known/oauth-protected-resource" + path + "\", scope=\"tools:read\"").send();
    }

    private static String origin(io.helidon.common.uri.UriInfo uri) {
        return uri.scheme() + "://" + uri.authority();
    }
}
