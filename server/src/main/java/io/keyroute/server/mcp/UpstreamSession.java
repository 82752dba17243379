package io.keyroute.server.mcp;

import io.keyroute.routing.health.CircuitBreaker;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One caller's session with one upstream MCP server (never shared with another caller), opened on first use. Each
 * request passes the server's circuit breaker; what goes wrong on the way becomes an {@link UpstreamFailure} for
 * that request, while the server's own JSON-RPC errors pass on as {@link McpError}s.
 */
final class UpstreamSession implements AutoCloseable {
    private final String serverId;
    private final McpAsyncClient client;
    private final CircuitBreaker breaker;
    /** Progress of calls in flight, by the token sent upstream (ours, so two callers' tokens never meet). */
    private final Map<String, Consumer<McpSchema.ProgressNotification>> progress = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    UpstreamSession(String serverId, McpAsyncClient client, CircuitBreaker breaker) {
        this.serverId = serverId;
        this.client = client;
        this.breaker = breaker;
    }

    /** Where the client's progress notifications go: to the call that asked for them. */
    void relay(McpSchema.ProgressNotification notification) {
        var listener = notification.progressToken() == null ? null : progress.get(notification.progressToken().toString());
        if (listener != null) {
            listener.accept(notification);
        }
    }

    <T> T request(Function<McpAsyncClient, T> call) {
        if (!breaker.tryAcquire()) {
            throw new UpstreamFailure(serverId, "MCP server '" + serverId + "' is failing; its circuit is open", null);
        }
        try {
            if (!client.isInitialized()) {
                client.initialize().block();
            }
            T answer = call.apply(client);
            breaker.onSuccess();
            return answer;
        } catch (McpError answered) {
            breaker.onSuccess(); // the server is up and speaking the protocol: the request was the problem
            throw answered;
        } catch (RuntimeException failed) {
            breaker.onFailure();
            throw new UpstreamFailure(serverId, "MCP server '" + serverId + "' failed: " + describe(failed), failed);
        }
    }

    /** A tool call, its upstream progress relayed to {@code onProgress} under the caller's own token. */
    McpSchema.CallToolResult callTool(String tool, Map<String, Object> arguments, Object callerToken,
                                      Consumer<McpSchema.ProgressNotification> onProgress) {
        if (callerToken == null) {
            return request(c -> c.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()).block());
        }
        String ours = "p" + tokens.incrementAndGet();
        progress.put(ours, n -> onProgress.accept(new McpSchema.ProgressNotification(callerToken, n.progress(),
                n.total(), n.message(), null)));
        try {
            return request(c -> c.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments)
                    .meta(Map.of("progressToken", ours)).build()).block());
        } finally {
            progress.remove(ours);
        }
    }

    /** What went wrong, in words fit for the caller: the exception kinds and messages, never a header or body. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        if (root instanceof java.util.concurrent.TimeoutException || kind.contains("Timeout")) {
            return "no answer in time";
        }
        if (root instanceof java.net.ConnectException || root instanceof java.nio.channels.ClosedChannelException) {
            return "unreachable";
        }
        return message == null ? kind : kind + ": " + truncate(io.keyroute.api.Secrets.scrub(message));
    }

    private static String truncate(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }

    /**
     * Whether the server declared what {@code capability} reads from its capabilities (prompts, resources): a
     * listing of what it does not offer is empty, not a request.
     */
    boolean offers(java.util.function.Predicate<McpSchema.ServerCapabilities> capability) {
        McpSchema.ServerCapabilities declared = request(c -> c.getServerCapabilities());
        return declared != null && capability.test(declared);
    }

    /** Ends the upstream session (its DELETE included) without waiting for it: never holding up a caller. */
    @Override
    public void close() {
        client.closeGracefully().subscribe(done -> { }, failed -> { });
    }
}
