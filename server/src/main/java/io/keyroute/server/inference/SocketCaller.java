package io.keyroute.server.inference;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderName;
import io.helidon.http.Headers;
import io.helidon.websocket.WsSession;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.responses.ResponsesErrorEvent;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.limits.InFlightLimits;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One {@code response.create} on a Responses WebSocket, as the flow's caller: the handshake's
 * headers, the message as the body, and each event of the answer as one text frame (its SSE data,
 * the same JSON). A refusal is OpenAI's wrapped {@code error} event; a heartbeat is a ping. Once
 * the socket has closed, every write fails, so the relay and the heartbeats find the caller gone.
 */
final class SocketCaller implements CallerSide {
    /** The types of a response's last event: the caller may send the next {@code response.create} on reading one. */
    private static final Set<String> LAST = Set.of("response.completed", "response.incomplete", "response.failed",
            "error");

    private final WsSession session;
    private final Headers headers;
    private final byte[] body;
    private final Consumer<SseEvent> sending;
    private final Runnable answeredWhole;
    private volatile boolean answered;
    private volatile boolean closed;

    /**
     * @param sending       sees each event just before it is written (the caller may answer it at once)
     * @param answeredWhole runs just before the response's last event or its refusal is written (the
     *                      caller may send the next at once), before the flow's accounting ends: the
     *                      socket may then start the next response
     */
    SocketCaller(WsSession session, Headers headers, byte[] body, Consumer<SseEvent> sending, Runnable answeredWhole) {
        this.session = session;
        this.headers = headers;
        this.body = body;
        this.sending = sending;
        this.answeredWhole = answeredWhole;
    }

    /** The socket closed: nothing more reaches the caller. */
    void closed() {
        closed = true;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    /** The socket's upgrade request: each response on it is a request of its own. */
    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return ResponsesSockets.PATH;
    }

    @Override
    public byte[] body(InFlightLimits.Pass pass, long limit) {
        if (body.length > limit) { // the socket bounds its messages; a reload may have lowered the limit since
            throw ClientError.tooLarge(limit);
        }
        return pass.body(body);
    }

    @Override
    public void header(HeaderName name, String value) {
        // a socket's responses have no headers of their own
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public void refuse(WireFormat format, GatewayError error) {
        answeredWhole.run();
        send(ResponsesErrorEvent.onSocket(error));
    }

    @Override
    public void sendJson(byte[] json) {
        send(new String(json, StandardCharsets.UTF_8)); // not reached: a socket's responses are streamed
    }

    @Override
    public void openStream() {
        answered = true;
    }

    @Override
    public void event(SseEvent event) {
        sending.accept(event);
        if (LAST.contains(event.event())) {
            answeredWhole.run();
        }
        send(event.data());
    }

    @Override
    public void heartbeat() {
        requireOpen();
        session.ping(BufferData.empty());
    }

    @Override
    public void closeStream() {
        // the socket stays open for the next response
    }

    private void send(String text) {
        requireOpen();
        answered = true;
        session.send(text, true);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the WebSocket has closed");
        }
    }
}
