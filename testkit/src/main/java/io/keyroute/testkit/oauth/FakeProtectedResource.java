package io.keyroute.testkit.oauth;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.LoopbackServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MCP server's HTTP face as its authorization sees it (MCP authorization spec, RFC 9728): its
 * protected resource metadata at {@code /.well-known/oauth-protected-resource/mcp} naming the
 * authorization server, and {@code POST /mcp} that answers 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata="…"} unless the request's bearer token is live
 * for this resource at that authorization server (then a JSON-RPC result). It records the
 * {@code Authorization} headers it received.
 */
public final class FakeProtectedResource implements AutoCloseable {
    private final WebServer server;
    private final String authorizationServer;
    private final FakeAuthorizationServer tokens;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /**
     * @param authorizationServer the issuer its metadata names (usually {@code tokens.issuer()})
     * @param tokens              the server that says which tokens are live
     */
    public FakeProtectedResource(String authorizationServer, FakeAuthorizationServer tokens) {
        this.authorizationServer = authorizationServer;
        this.tokens = tokens;
        this.server = LoopbackServer.start(0, routing -> routing
                .get("/.well-known/oauth-protected-resource/mcp", this::metadata)
                .post("/mcp", this::call));
    }

    /** The MCP endpoint's URL, which is also the resource's canonical URI. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    /** Every {@code Authorization} header received, in order ("" for none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void metadata(ServerRequest req, ServerResponse res) {
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send("{\"resource\":\"" + url() + "\",\"authorization_servers\":[\"" + authorizationServer + "\"],"
                + "\"scopes_supported\":[\"tools:read\",\"tools:call\"],\"bearer_methods_supported\":[\"header\"]}");
    }

    private void call(ServerRequest req, ServerResponse res) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        authorizations.add(header);
        req.content().consume();
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : "";
        if (!tokens.accepts(token, url())) {
            res.status(Status.UNAUTHORIZED_401).header(HeaderNames.WWW_AUTHENTICATE, "Bearer resource_metadata=\"http://127.0.0.1:"
                    + server.port() + "/.well-known/oauth-protected-resource/mcp\", scope=\"tools:read\"").send();
            return;
        }
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
