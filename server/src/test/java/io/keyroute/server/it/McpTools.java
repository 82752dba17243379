package io.keyroute.server.it;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** The tests' MCP parts: a tool for an SDK-built server, its text answer, and the SDK's client on a gateway's /mcp. */
public final class McpTools {
    private McpTools() {
    }

    public static McpServerFeatures.SyncToolSpecification tool(String name,
            BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description("the " + name + " tool")
                        .inputSchema(Map.of("type", "object")).build())
                .callHandler(handler).build();
    }

    public static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).build();
    }

    /** The SDK's client on {@code /mcp} of the gateway at {@code port} with {@code key}, initialized. */
    public static McpSyncClient client(int port, String key, Consumer<McpSchema.ProgressNotification> progress) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(progress).build();
        client.initialize();
        return client;
    }

    public static McpSyncClient client(int port, String key) {
        return client(port, key, n -> { });
    }
}
