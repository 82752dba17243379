package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.mcp.oauth.McpOAuth;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.Owner;
import java.net.URI;

/**
 * The OAuth authorization of an upstream MCP server for a user: {@code POST /mcp/servers/{id}/oauth/start}
 * (the user, with their key) answers the URL to open in a browser; the authorization server sends the
 * browser back to {@code GET /mcp/oauth/callback?code&state}, which needs no key (the state, bound to
 * the user who started, single use and short-lived, stands for it) and answers the stored credential,
 * masked.
 */
final class McpOAuthService implements HttpService {
    private final ManagementAuth auth;
    private final McpOAuth oauth;
    private final Credentials credentials;

    McpOAuthService(ManagementAuth auth, McpOAuth oauth, Credentials credentials) {
        this.auth = auth;
        this.oauth = oauth;
        this.credentials = credentials;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/mcp/servers/{id}/oauth/start", ManagementCall.of(this::start))
                .get("/mcp/oauth/callback", ManagementCall.of(this::callback));
    }

    private void start(ServerRequest req, ServerResponse res) {
        var user = auth.user(auth.caller(req));
        var requested = req.requestedUri();
        URI origin = URI.create(requested.scheme() + "://" + requested.authority());
        McpOAuth.Started started = oauth.start(user.id(), user.workspaceId(), req.path().pathParameters().get("id"), origin);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("authorization_url", started.authorizationUrl().toString()).put("expires_at", Timestamps.format(started.expiresAt()));
        JsonOut.send(res, 200, o);
    }

    private void callback(ServerRequest req, ServerResponse res) {
        var query = req.query();
        var stored = oauth.complete(query.first("state").orElse(null), query.first("code").orElse(null),
                query.first("error").orElse(null), query.first("iss").orElse(null));
        Owner owner = stored.owner();
        JsonOut.send(res, 200, McpCredentialsService.json(stored, credentials.form(owner, stored.id())));
    }
}
