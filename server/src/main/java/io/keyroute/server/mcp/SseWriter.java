package io.keyroute.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON-RPC messages as SSE {@code message} events, one at a time from whichever thread has one. */
final class SseWriter {
    private final OutputStream out;
    private final McpJsonMapper json;

    SseWriter(OutputStream out, McpJsonMapper json) {
        this.out = out;
        this.json = json;
    }

    synchronized void send(Object message) {
        try {
            out.write(("event: message\ndata: " + json.writeValueAsString(message) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
