package io.keyroute.server.config;

/**
 * One upstream MCP server: its id (the {@code <server>__} prefix of its tools' names) and URL; its
 * credential, if any, is in the vault. {@code oauth} configures the OAuth client Keyroute is to it
 * ({@link McpOAuthSettings#DEFAULT} when absent: discovery and dynamic registration).
 */
public record McpServerSettings(String id, String url, McpOAuthSettings oauth) {
    public McpServerSettings {
        oauth = oauth == null ? McpOAuthSettings.DEFAULT : oauth;
    }

    /** A server with no OAuth client of the operator's. */
    public McpServerSettings(String id, String url) {
        this(id, url, null);
    }
}
