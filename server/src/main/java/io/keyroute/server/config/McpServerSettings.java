package io.keyroute.server.config;

/**
 * One upstream MCP server: its id (the {@code <server>__} prefix of its tools' names) and URL; its
 * credential, if any, is in the vault. Trusted as the operator wrote it, like a provider's base URL.
 *
 * @param transport        {@code streamable_http} (the current protocol, the default) or {@code sse} (servers of the
 *                         2024-11-05 revision: {@code url} is their SSE endpoint)
 * @param timeoutMs        how long one request to it may take (a tool call included), default 60 s
 * @param maxResponseBytes the largest answer read from it, default 4 MiB: a bigger one fails that call
 * @param oauth            the OAuth client Keyroute is to it ({@link McpOAuthSettings#DEFAULT} when absent: discovery
 *                         and dynamic registration)
 */
public record McpServerSettings(String id, String url, String transport, Long timeoutMs, Integer maxResponseBytes,
                                McpOAuthSettings oauth) {
    public static final String STREAMABLE_HTTP = "streamable_http";
    public static final String SSE = "sse";
    public static final long DEFAULT_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 << 20;

    public McpServerSettings {
        transport = transport == null ? STREAMABLE_HTTP : transport;
        timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
        oauth = oauth == null ? McpOAuthSettings.DEFAULT : oauth;
    }

    /** A streamable HTTP server with the default timeout and answer size, and this OAuth client. */
    public McpServerSettings(String id, String url, McpOAuthSettings oauth) {
        this(id, url, null, null, null, oauth);
    }

    /** A streamable HTTP server with the default timeout and answer size and no OAuth client of the operator's. */
    public McpServerSettings(String id, String url) {
        this(id, url, null, null, null, null);
    }
}
