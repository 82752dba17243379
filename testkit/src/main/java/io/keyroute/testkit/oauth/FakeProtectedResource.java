package io.keyroute.testkit.oauth;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.WebServer;
import io.keyroute.testkit.LoopbackServer;
import java.util.List;

/**
 * An OAuth-protected MCP endpoint reduced to its authorization ({@link ResourceGuard}): protected
 * resource metadata, 401 challenges, and {@code POST /mcp} answering an empty JSON-RPC result to a
 * request whose bearer token is live for it.
 */
public final class FakeProtectedResource implements AutoCloseable {
    private final WebServer server;
    private final ResourceGuard guard;

    /**
     * @param authorizationServer the issuer its metadata names (usually {@code tokens.issuer()})
     * @param tokens              the server that says which tokens are live
     */
    public FakeProtectedResource(String authorizationServer, FakeAuthorizationServer tokens) {
        this.guard = new ResourceGuard("/mcp", authorizationServer, tokens);
        this.server = LoopbackServer.start(0, routing -> {
            guard.install(routing);
            routing.post("/mcp", (req, res) -> {
                req.content().consume();
                res.headers().contentType(MediaTypes.APPLICATION_JSON);
                res.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
            });
        });
    }

    /** The MCP endpoint's URL, which is also the resource's canonical URI. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    /** Every {@code Authorization} header received, in order ("" for none). */
    public List<String> authorizations() {
        return guard.authorizations();
    }

    @Override
    public void close() {
        server.stop();
    }
}
