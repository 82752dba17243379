package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An MCP server's {@code oauth:} component as CONFIGURATION.md writes it, its default, its checks, and its secret never shown. */
class McpOAuthConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("TRACKER_SECRET", "client-" + "SecretSecretSecret42"));

    @Test
    void theDocumentedComponentReadsAsWrittenAndItsSecretIsMasked() {
        KeyrouteConfig config = LOADER.load("""
                mcp:
                  servers:
                    - id: tracker
                      url: https://mcp.tracker.example/mcp
                      oauth:
                        client_id: keyroute-prod
                        client_secret: ${TRACKER_SECRET}
                        scopes: [issues:read, issues:write]
                        authorization_server: https://auth.tracker.example
                        redirect_uri: https://keyroute.example.com/api/v1/mcp/oauth/callback
                    - { id: docs, url: "https://mcp.example.com/mcp" }
                """, "keyroute.yaml");

        McpOAuthSettings oauth = config.mcp().servers().getFirst().oauth();
        assertThat(oauth).isEqualTo(new McpOAuthSettings("keyroute-prod", "client-SecretSecretSecret42",
                List.of("issues:read", "issues:write"), "https://auth.tracker.example",
                "https://keyroute.example.com/api/v1/mcp/oauth/callback"));
        assertThat(config.mcp().servers().get(1).oauth()).isEqualTo(McpOAuthSettings.DEFAULT);
        assertThat(config.toString()).doesNotContain("SecretSecretSecret42").contains("keyroute-prod");
    }

    @Test
    void badComponentsAreEachNamed() {
        assertThatThrownBy(() -> LOADER.load("""
                mcp:
                  servers:
                    - id: tracker
                      url: https://mcp.tracker.example/mcp
                      oauth: { client_secret: s3cr3t-value, scopes: ["two words"], authorization_server: "ftp://x", redirect_uri: "/cb" }
                """, "keyroute.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "keyroute.yaml: mcp.servers[0].oauth.authorization_server: must be an http:// or https:// URL (the issuer)",
                        "keyroute.yaml: mcp.servers[0].oauth.redirect_uri: must be an http:// or https:// URL "
                                + "(Keyroute's /api/v1/mcp/oauth/callback)",
                        "keyroute.yaml: mcp.servers[0].oauth.client_secret: needs client_id",
                        "keyroute.yaml: mcp.servers[0].oauth.scopes: each scope is a non-empty token without spaces, quotes or "
                                + "backslashes (RFC 6749 section 3.3)"))
                .hasMessageNotContaining("s3cr3t-value");
    }
}
