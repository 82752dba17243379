package io.keyroute.server.mcp.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The token requests of RFC 6749: the authorization code with its PKCE verifier (RFC 7636 section
 * 4.5) and the refresh token grant, each with the {@code resource} parameter (RFC 8707) the MCP spec
 * requires. A client with a secret authenticates in the form ({@code client_secret_post}); a public
 * client sends its {@code client_id}. Only a {@code Bearer} access token is accepted.
 */
final class TokenEndpoint {
    private final OAuthHttp http;
    private final Clock clock;

    TokenEndpoint(OAuthHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    OAuthTokens exchange(URI tokenEndpoint, OAuthClient client, String code, Pkce pkce, URI redirectUri, String resource,
                         String issuer, Trust trust) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", pkce.verifier());
        form.put("resource", resource);
        JsonNode answer = call(tokenEndpoint, client, form, trust, "The authorization code");
        var empty = new OAuthTokens(Secret.of("-"), null, null, client.clientId(), client.clientSecret(), tokenEndpoint, resource,
                issuer);
        return issued(empty, answer);
    }

    OAuthTokens refresh(OAuthTokens current, Trust trust) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", current.refreshToken().reveal());
        form.put("resource", current.resource());
        JsonNode answer = call(current.tokenEndpoint(), new OAuthClient(current.clientId(), current.clientSecret()), form, trust,
                "The refresh token");
        return issued(current, answer);
    }

    private JsonNode call(URI tokenEndpoint, OAuthClient client, Map<String, String> form, Trust trust, String what) {
        form.put("client_id", client.clientId());
        if (client.clientSecret() != null) {
            form.put("client_secret", client.clientSecret().reveal());
        }
        OAuthHttp.Answer answer = http.postForm(tokenEndpoint, form, trust);
        if (!answer.ok()) {
            throw OAuthErrors.refused(what, answer.json().path("error").asText("HTTP " + answer.status()));
        }
        return answer.json();
    }

    private OAuthTokens issued(OAuthTokens before, JsonNode answer) {
        String access = answer.path("access_token").asText("");
        if (access.isEmpty() || !answer.path("token_type").asText("").toLowerCase(Locale.ROOT).equals("bearer")) {
            throw OAuthErrors.refused("The token request", "no Bearer access_token in the answer");
        }
        Instant expires = answer.path("expires_in").canConvertToLong() && answer.path("expires_in").asLong() > 0
                ? clock.instant().plusSeconds(answer.path("expires_in").asLong()) : null;
        String refresh = answer.path("refresh_token").asText(null);
        return before.renewed(Secret.of(access), refresh == null ? null : Secret.of(refresh), expires);
    }
}
