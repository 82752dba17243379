package io.keyroute.server.mcp.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;

/**
 * What one OAuth credential holds, sealed in the vault as a single secret: the tokens, when the
 * access token expires, and what a refresh needs (the client, the token endpoint, the resource and
 * the issuer), so a refresh works after a restart without a new registration.
 *
 * @param refreshToken null when the authorization server issued none
 * @param expiresAt    null when it did not say ({@code expires_in} is only recommended)
 * @param clientSecret null for a public client
 */
record OAuthTokens(Secret accessToken, Secret refreshToken, Instant expiresAt, String clientId, Secret clientSecret,
                   URI tokenEndpoint, String resource, String issuer) {
    static final String AUTH_TYPE = "oauth";

    /** The payload sealed in the vault. */
    Secret sealable() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("access_token", accessToken.reveal());
        if (refreshToken != null) {
            o.put("refresh_token", refreshToken.reveal());
        }
        if (expiresAt != null) {
            o.put("expires_at", expiresAt.getEpochSecond());
        }
        o.put("client_id", clientId);
        if (clientSecret != null) {
            o.put("client_secret", clientSecret.reveal());
        }
        o.put("token_endpoint", tokenEndpoint.toString()).put("resource", resource).put("issuer", issuer);
        return Secret.of(o.toString());
    }

    static OAuthTokens unsealed(Secret payload) {
        try {
            JsonNode o = Json.MAPPER.readTree(payload.reveal());
            return new OAuthTokens(Secret.of(o.path("access_token").asText()), secret(o, "refresh_token"),
                    o.has("expires_at") ? Instant.ofEpochSecond(o.path("expires_at").asLong()) : null,
                    o.path("client_id").asText(), secret(o, "client_secret"), URI.create(o.path("token_endpoint").asText()),
                    o.path("resource").asText(), o.path("issuer").asText());
        } catch (IOException e) {
            throw new IllegalStateException("a stored OAuth credential is not the JSON Keyroute sealed", e);
        }
    }

    /** The same client and endpoints with newly issued tokens; a refresh that issues no refresh token keeps the old one (RFC 6749 section 6). */
    OAuthTokens renewed(Secret access, Secret refresh, Instant expires) {
        return new OAuthTokens(access, refresh != null ? refresh : refreshToken, expires, clientId, clientSecret, tokenEndpoint,
                resource, issuer);
    }

    /** Whether the access token expires within {@code margin} of {@code now} (never, when its expiry is unknown). */
    boolean expiresBy(Instant moment) {
        return expiresAt != null && !expiresAt.isAfter(moment);
    }

    private static Secret secret(JsonNode o, String field) {
        return o.path(field).isTextual() ? Secret.of(o.path(field).asText()) : null;
    }
}
