package io.keyroute.testkit.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.keyroute.testkit.LoopbackServer;
import io.keyroute.testkit.RecordedRequest;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An MCP server built with the official Java SDK ({@code McpServer.sync}), served over streamable HTTP at
 * {@code http://127.0.0.1:<port>/mcp} on loopback: what a test puts behind Keyroute's {@code /mcp}. The test
 * declares its tools, prompts and resources on the SDK's own spec; the fake records every HTTP request it received,
 * can be told to answer garbage, and stops like a server going down.
 */
public final class FakeMcpServer implements AutoCloseable {
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private final HelidonMcpTransport transport;
    private final McpSyncServer server;
    private final WebServer web;

    private FakeMcpServer(HelidonMcpTransport transport, McpSyncServer server, WebServer web) {
        this.transport = transport;
        this.server = server;
        this.web = web;
    }

    /**
     * Starts a server named {@code name} with what {@code features} declares on the SDK's spec (tools, prompts,
     * resources and their capabilities).
     */
    public static FakeMcpServer start(String name, UnaryOperator<McpServer.SyncSpecification<?>> features) {
        return start(name, features, routing -> { });
    }

    /** As {@link #start(String, UnaryOperator)}, with {@code front}'s routes and filters before the MCP endpoint (an OAuth guard). */
    public static FakeMcpServer start(String name, UnaryOperator<McpServer.SyncSpecification<?>> features,
                                      java.util.function.Consumer<io.helidon.webserver.http.HttpRouting.Builder> front) {
        var transport = new HelidonMcpTransport(JSON);
        McpSyncServer server = features.apply(McpServer.sync(transport).serverInfo(name, "1.0").jsonMapper(JSON)).build();
        WebServer web = LoopbackServer.start(0, routing -> {
            front.accept(routing);
            routing.register("/mcp", transport);
        });
        return new FakeMcpServer(transport, server, web);
    }

    public String url() {
        return "http://127.0.0.1:" + web.port() + "/mcp";
    }

    /** Every HTTP request received, oldest first. */
    public List<RecordedRequest> requests() {
        return transport.log().snapshot();
    }

    /** MCP sessions open now. */
    public int sessions() {
        return transport.sessions().size();
    }

    /** From now on ({@code true}) every POST is answered 200 with a body that is not JSON-RPC. */
    public void speakGarbage(boolean on) {
        transport.speakGarbage(on);
    }

    public McpSyncServer sdk() {
        return server;
    }

    @Override
    public void close() {
        web.stop();
        server.close();
    }
}
