package io.keyroute.server.mcp.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.config.McpOAuthSettings;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyroute's OAuth client for a server: the operator's ({@code oauth.client_id}, pre-registration,
 * which the MCP spec prefers), else one registered dynamically (RFC 7591) where the authorization
 * server offers it: a public client ({@code token_endpoint_auth_method: none}, PKCE protects its
 * codes) for the authorization code and refresh token grants with Keyroute's callback as its one
 * redirect URI. Registrations are kept per server, issuer and redirect URI (at most
 * {@value #MAX_KEPT}); each stored credential keeps its own client for its refreshes.
 */
final class ClientRegistrations {
    static final int MAX_KEPT = 256;

    private final OAuthHttp http;
    private final Map<String, OAuthClient> registered = new ConcurrentHashMap<>();

    ClientRegistrations(OAuthHttp http) {
        this.http = http;
    }

    OAuthClient clientFor(String serverId, McpOAuthSettings settings, AuthorizationServer server, URI redirectUri, Trust trust) {
        if (settings.clientId() != null) {
            return new OAuthClient(settings.clientId(), settings.clientSecret() == null ? null : Secret.of(settings.clientSecret()));
        }
        if (server.registrationEndpoint() == null) {
            throw OAuthErrors.discovery(serverId, "its authorization server offers no dynamic client registration: "
                    + "set mcp.servers[].oauth.client_id (and client_secret) to a client registered there.");
        }
        String key = serverId + "\n" + server.issuer() + "\n" + redirectUri;
        OAuthClient known = registered.get(key);
        if (known != null) {
            return known;
        }
        OAuthClient client = register(serverId, server, redirectUri, trust);
        if (registered.size() >= MAX_KEPT) {
            registered.clear();
        }
        registered.put(key, client);
        return client;
    }

    private OAuthClient register(String serverId, AuthorizationServer server, URI redirectUri, Trust trust) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("client_name", "Keyroute");
        request.putArray("redirect_uris").add(redirectUri.toString());
        request.putArray("grant_types").add("authorization_code").add("refresh_token");
        request.putArray("response_types").add("code");
        request.put("token_endpoint_auth_method", "none");
        OAuthHttp.Answer answer = http.postJson(server.registrationEndpoint(), request, trust);
        if (!answer.ok() || !answer.json().path("client_id").isTextual()) {
            throw OAuthErrors.refused("Registering Keyroute as a client of MCP server '" + serverId + "'",
                    answer.json().path("error").asText("HTTP " + answer.status()));
        }
        String secret = answer.json().path("client_secret").asText(null);
        return new OAuthClient(answer.json().path("client_id").asText(), secret == null ? null : Secret.of(secret));
    }
}
