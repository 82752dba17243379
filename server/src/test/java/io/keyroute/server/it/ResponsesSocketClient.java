package io.keyroute.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client on Keyroute's {@code /v1/responses}: each message as it arrives
 * (whole, its fragments joined), and how the socket was closed.
 */
final class ResponsesSocketClient implements WebSocket.Listener, AutoCloseable {
    /** The last event of one response. */
    private static final Set<String> LAST = Set.of("response.completed", "response.incomplete", "response.failed",
            "error");

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** The close code the server sent, and its reason after a space. */
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private WebSocket socket;

    /** Opens a socket with {@code key} as its bearer token (none when null); throws what the handshake threw. */
    static ResponsesSocketClient connect(int port, String key) {
        var client = new ResponsesSocketClient();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/responses"), client).join();
        return client;
    }

    void send(String message) {
        socket.sendText(message, true).join();
    }

    /** One message in fragments, each sent as it is. */
    void sendFragments(String... fragments) {
        for (int i = 0; i < fragments.length; i++) {
            socket.sendText(fragments[i], i == fragments.length - 1).join();
        }
    }

    /** The next message, as JSON. */
    JsonNode next() throws Exception {
        String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message from the socket");
        }
        return Json.MAPPER.readTree(message);
    }

    /** The events of one response, up to and including its last one. */
    List<JsonNode> response() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        JsonNode event;
        do {
            event = next();
            events.add(event);
        } while (!LAST.contains(event.path("type").asText()));
        return events;
    }

    /** The code and reason the server closed the socket with. */
    String closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    void sendClose() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
