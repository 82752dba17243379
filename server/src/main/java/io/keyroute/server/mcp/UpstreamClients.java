package io.keyroute.server.mcp;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.McpServerSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Opens a caller's session with an upstream MCP server with the official SDK's client: the server's transport,
 * timeout and answer-size bound, and as {@code Authorization} only what {@link UpstreamAuthorization} gives for this
 * caller and server. Nothing the caller sent is copied onto the upstream request, so its Keyroute key never leaves.
 */
final class UpstreamClients {
    private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("keyroute", "1");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final UpstreamAuthorization authorization;

    UpstreamClients(UpstreamAuthorization authorization) {
        this.authorization = authorization;
    }

    /** @param progress told of the server's progress notifications in order, before the answer they precede */
    McpAsyncClient open(Caller caller, McpServerSettings server, Consumer<McpSchema.ProgressNotification> progress) {
        McpSyncHttpClientRequestCustomizer credential = (request, method, endpoint, body, context) ->
                authorization.authorization(caller, server.id()).ifPresent(value -> request.setHeader("Authorization", value));
        Duration timeout = Duration.ofMillis(server.timeoutMs());
        return McpClient.async(transport(caller, server, credential))
                .clientInfo(CLIENT)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .progressConsumer(n -> Mono.fromRunnable(() -> progress.accept(n)))
                .build();
    }

    private McpClientTransport transport(Caller caller, McpServerSettings server, McpSyncHttpClientRequestCustomizer credential) {
        URI url = URI.create(server.url());
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        if (McpServerSettings.SSE.equals(server.transport())) {
            return HttpClientSseClientTransport.builder(origin).sseEndpoint(path).httpRequestCustomizer(credential)
                    .connectTimeout(CONNECT_TIMEOUT).maxResponseSize(server.maxResponseBytes()).build();
        }
        // A 401 tells the credential's owner (refresh or drop it); the call fails, the next one asks again.
        McpHttpClientTransportAuthorizationErrorHandler rejected = (snapshot, response, context) ->
                Mono.fromRunnable(() -> authorization.rejected(caller, server.id())).thenReturn(false);
        return HttpClientStreamableHttpTransport.builder(origin).endpoint(path).httpRequestCustomizer(credential)
                .authorizationErrorHandler(rejected).connectTimeout(CONNECT_TIMEOUT)
                .maxResponseSize(server.maxResponseBytes()).resumableStreams(false).build();
    }
}
