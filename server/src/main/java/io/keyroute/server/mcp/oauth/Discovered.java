package io.keyroute.server.mcp.oauth;

import java.net.URI;
import java.util.List;

/**
 * What discovery found for one MCP server: its canonical URI (the {@code resource} parameter of
 * RFC 8707), the scopes to ask for, its authorization server, and which origins the operator chose.
 */
record Discovered(URI resource, List<String> scopes, AuthorizationServer server, Trust trust) {
}
