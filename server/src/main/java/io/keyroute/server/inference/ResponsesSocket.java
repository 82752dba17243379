package io.keyroute.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.responses.ResponsesErrorEvent;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.limits.InFlightLimits;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Responses WebSocket ({@code GET /v1/responses} upgraded), Helidon's listener for it. Each
 * {@code response.create} message is one request through the {@link InferenceFlow} (a
 * {@link SocketCaller}), run on a thread of its own so that this connection's thread goes on
 * reading: a second message while one runs is refused with an error event, as OpenAI refuses it,
 * and a close is seen at once. While open, the socket holds one of its key's in-flight slots.
 *
 * <p>Bounds: a message over {@code server.max_request_bytes} is refused and the socket closed
 * (1009); a socket with no response for {@code responses.websocket_idle_ms}, or open for
 * {@code responses.websocket_max_ms}, is closed between responses ({@link #sweep}).
 */
final class ResponsesSocket implements WsListener {
    private final ResponsesSockets sockets;
    private final InFlightLimits.Pass pass;
    private final SocketConversation conversation = new SocketConversation();
    private final StringBuilder message = new StringBuilder();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pinging = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    private Headers headers;
    private volatile WsSession session;
    /** The response whose upstream call may still run, for a close to reach it. */
    private final AtomicReference<SocketCaller> current = new AtomicReference<>();
    private volatile long lastActiveNanos = openedNanos;
    /** The close to send once the running response ends (drain, lifetime, idle), if any. */
    private volatile Close closing;

    private record Close(int code, String reason) {
    }

    ResponsesSocket(ResponsesSockets sockets, InFlightLimits.Pass pass) {
        this.sockets = sockets;
        this.pass = pass;
    }

    /**
     * Keeps the handshake's headers for every response (its key, {@code x-keyroute-credential}). A
     * socket is one conversation: unless the caller named a session, the socket is one, so its
     * responses stay where the first was served (session affinity), as OpenAI keeps a socket on one engine.
     */
    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers sent) {
        WritableHeaders<?> kept = WritableHeaders.create(sent);
        if (!kept.contains(KeyrouteHeaders.SESSION) && !kept.contains(KeyrouteHeaders.CLAUDE_CODE_SESSION)) {
            kept.set(KeyrouteHeaders.SESSION, "socket_" + UUID.randomUUID());
        }
        headers = kept;
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession opened) {
        session = opened;
        try {
            sockets.admit(headers, pass); // the handshake's filter checked the same, but that slot was not kept
        } catch (GatewayError e) {
            opened.send(ResponsesErrorEvent.onSocket(e), true);
            close(new Close(WsCloseCodes.TRY_AGAIN_LATER, e.code()));
            return;
        }
        sockets.opened(this);
    }

    @Override
    public void onMessage(WsSession from, String text, boolean last) {
        if (closing != null) {
            return; // closing: what still arrives is not served
        }
        message.append(text);
        long limit = sockets.maxRequestBytes();
        if (message.length() > limit) { // characters: each is at least one byte
            message.setLength(0);
            refuse(ClientError.tooLarge(limit));
            close(new Close(WsCloseCodes.TOO_BIG, "message larger than server.max_request_bytes (" + limit + ")"));
            return;
        }
        if (last) {
            String whole = message.toString();
            message.setLength(0);
            dispatch(whole);
        }
    }

    @Override
    public void onMessage(WsSession from, BufferData buffer, boolean last) {
        refuse(ClientError.badRequest("invalid_request", "Send response.create as a text message, not binary.", null));
    }

    @Override
    public void onClose(WsSession from, int status, String reason) {
        ended();
    }

    @Override
    public void onError(WsSession from, Throwable t) {
        ended();
    }

    /** Called by the sockets' timer: a ping (the caller's pong keeps Helidon's idle timeout off), and the bounds. */
    void sweep(long now, long idleNanos, long maxNanos) {
        ping();
        if (running.get()) {
            return;
        }
        if (now - openedNanos > maxNanos) {
            retire(WsCloseCodes.NORMAL_CLOSE, "open for responses.websocket_max_ms: connect again");
        } else if (now - lastActiveNanos > idleNanos) {
            retire(WsCloseCodes.NORMAL_CLOSE, "idle for responses.websocket_idle_ms");
        }
    }

    /** Closes the socket once no response runs on it: at once when idle, else when the running one ends. */
    void retire(int code, String reason) {
        closing = new Close(code, reason);
        if (!running.get()) {
            close(closing);
        }
    }

    private void dispatch(String text) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            refuse(ClientError.badRequest("invalid_json", "The message is not valid JSON.", null));
            return;
        }
        switch (event.path("type").asText("")) {
            case "response.create" -> start((ObjectNode) event);
            case "response.processed" -> { } // Codex's note that it read a response: nothing to do
            default -> refuse(ClientError.badRequest("invalid_request",
                    "Unsupported message type: send {\"type\":\"response.create\", ...}.", "type"));
        }
    }

    private void start(ObjectNode create) {
        if (System.nanoTime() - openedNanos > sockets.maxNanos()) {
            refuse(ClientError.badRequest("websocket_connection_limit_reached", "Responses websocket connection limit "
                    + "reached (responses.websocket_max_ms). Create a new websocket connection to continue.", null));
            retire(WsCloseCodes.NORMAL_CLOSE, "open for responses.websocket_max_ms: connect again");
            return;
        }
        if (!running.compareAndSet(false, true)) {
            refuse(new ClientError(ErrorType.CONFLICT, "response_in_progress", "A response is already in progress on "
                    + "this WebSocket: send the next response.create after its last event.", null));
            return;
        }
        Thread.ofVirtual().name("keyroute-socket-response").start(() -> respond(create));
    }

    /**
     * One response, through the flow (a warm-up without it). The next may start once this one's last
     * event is sent, while its accounting ends; a close the socket owes waits for both.
     */
    private void respond(ObjectNode create) {
        SocketCaller caller = null;
        var once = new AtomicBoolean();
        try {
            JsonNode generate = create.remove("generate"); // the socket's to serve: no upstream over HTTP knows it
            byte[] body = conversation.request(create, sockets.maxRequestBytes());
            caller = new SocketCaller(session, headers, body, conversation::sent, () -> answered(once));
            current.set(caller);
            if (ended.get()) {
                caller.closed();
            }
            if (generate != null && generate.isBoolean() && !generate.booleanValue()) {
                sockets.admitWarmUp(headers);
                SocketWarmUp.answer(ResponsesRequestReader.read(body), caller);
            } else {
                sockets.run(caller);
            }
        } catch (GatewayError e) {
            refuse(e);
        } finally {
            current.compareAndSet(caller, null);
            answered(once);
            Close pending = closing;
            if (pending != null && !running.get()) {
                close(pending);
            }
        }
    }

    /** The running response has sent its last event (or its refusal): the socket takes the next, once. */
    private void answered(AtomicBoolean once) {
        if (once.compareAndSet(false, true)) {
            lastActiveNanos = System.nanoTime();
            running.set(false);
        }
    }

    private void refuse(GatewayError error) {
        try {
            session.send(ResponsesErrorEvent.onSocket(error), true);
        } catch (RuntimeException e) {
            ended(); // the socket is gone
        }
    }

    /** One ping at a time: a caller that stopped reading blocks it, not the timer. */
    private void ping() {
        if (ended.get() || !pinging.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("keyroute-socket-ping").start(() -> {
            try {
                session.ping(BufferData.empty());
            } catch (RuntimeException e) {
                ended(); // the connection is gone, perhaps without a close frame: give its slot back
            } finally {
                pinging.set(false);
            }
        });
    }

    private void close(Close close) {
        closing = close;
        try {
            session.close(close.code(), close.reason());
        } catch (RuntimeException e) {
            // already closed
        }
        ended();
    }

    /** Once: the running response's caller is gone, the slot is given back. */
    private void ended() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        SocketCaller running = current.get();
        if (running != null) {
            running.closed();
        }
        pass.close();
        sockets.closed(this);
    }
}
