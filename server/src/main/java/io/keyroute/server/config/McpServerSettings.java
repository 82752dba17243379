package io.keyroute.server.config;

/**
 * One upstream MCP server: its id (the {@code <server>__} prefix of its tools' names) and URL; its
 * credential, if any, is in the vault.
 */
public record McpServerSettings(String id, String url) {
}
