package io.keyroute.server.config;

import java.util.List;

/**
 * An upstream MCP server's OAuth client, when the operator registered one (else Keyroute registers
 * itself dynamically where the authorization server offers it): {@code clientId} and, for a
 * confidential client, {@code clientSecret}; the {@code scopes} to ask for (else the challenge's or
 * the server's {@code scopes_supported}); {@code authorizationServer}, an issuer URL used instead of
 * the one the server's protected resource metadata names (trusted like the server's own URL); and
 * {@code redirectUri}, Keyroute's callback as the authorization server will redirect the browser to
 * it (else derived from the start request's own URL).
 */
public record McpOAuthSettings(String clientId, String clientSecret, List<String> scopes, String authorizationServer,
                               String redirectUri) {
    public static final McpOAuthSettings DEFAULT = new McpOAuthSettings(null, null, null, null, null);

    public McpOAuthSettings {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        authorizationServer = blankToNull(authorizationServer);
        redirectUri = blankToNull(redirectUri);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The client secret is masked, so a logged config never shows it. */
    @Override
    public String toString() {
        return "McpOAuthSettings[clientId=" + clientId + ", clientSecret=" + Redaction.key(clientSecret) + ", scopes=" + scopes
                + ", authorizationServer=" + authorizationServer + ", redirectUri=" + redirectUri + "]";
    }
}
