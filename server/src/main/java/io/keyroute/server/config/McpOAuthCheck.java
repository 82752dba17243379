package io.keyroute.server.config;

import java.util.List;

/** Checks each MCP server's {@code oauth:} component: URLs Keyroute will call or redirect to, a secret only with its client, scopes. */
final class McpOAuthCheck {
    private McpOAuthCheck() {
    }

    static void check(McpSettings mcp, ConfigValidator.Problems problem) {
        List<McpServerSettings> servers = mcp.servers();
        for (int i = 0; i < servers.size(); i++) {
            McpOAuthSettings oauth = servers.get(i).oauth();
            String at = "mcp.servers[" + i + "].oauth";
            if (oauth.authorizationServer() != null && !ConfigValidator.isHttpUrl(oauth.authorizationServer())) {
                problem.add(at + ".authorization_server", "must be an http:// or https:// URL (the issuer)");
            }
            if (oauth.redirectUri() != null && !ConfigValidator.isHttpUrl(oauth.redirectUri())) {
                problem.add(at + ".redirect_uri", "must be an http:// or https:// URL (Keyroute's /api/v1/mcp/oauth/callback)");
            }
            if (oauth.clientSecret() != null && oauth.clientId() == null) {
                problem.add(at + ".client_secret", "needs client_id");
            }
            if (oauth.scopes().stream().anyMatch(s -> s == null || s.isBlank() || s.chars().anyMatch(c -> c <= 0x20 || c == '"' || c == '\\'))) {
                problem.add(at + ".scopes", "each scope is a non-empty token without spaces, quotes or backslashes (RFC 6749 section 3.3)");
            }
        }
    }
}
