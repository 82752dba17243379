package io.keyroute.server.inference;

import io.helidon.http.HeaderName;
import io.helidon.http.Headers;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.limits.InFlightLimits;

/**
 * The caller's side of one inference request, whatever carries it: the headers and body it sent,
 * and where its answer goes (headers, a refusal in the endpoint's API shape, one JSON body, or a
 * stream of events). The {@link InferenceFlow} works on this alone, so an HTTP exchange
 * ({@link HttpCaller}) and one message on a Responses WebSocket run the same steps.
 *
 * <p>The stream's methods are called by {@link ClientStream} only, under its lock, and may throw
 * (an I/O failure or Helidon's unchecked one): the caller is then gone.
 */
interface CallerSide {
    /** The headers the caller sent (its key, {@code x-keyroute-credential}, passed-through betas). */
    Headers headers();

    /**
     * The caller when Keyroute itself makes the request on its behalf ({@link InternalEmbeddings}), or null: an
     * outside caller is whoever the key in {@link #headers()} says. Only this package makes caller sides.
     */
    default Caller authenticated() {
        return null;
    }

    /** The request's method and path as a span names them ({@code POST}, {@code /v1/chat/completions}). */
    String method();

    String path();

    /** The body, whole, within {@code limit} bytes and with its bytes taken from {@code pass}'s body budget. */
    byte[] body(InFlightLimits.Pass pass, long limit);

    /** A header of the answer ({@code x-keyroute-*}); ignored where the answer has no headers of its own. */
    void header(HeaderName name, String value);

    /** Whether the answer has begun, so a failure can no longer be answered as an error of its own. */
    boolean answered();

    /** Answers {@code error} in the caller's API shape, with its status. */
    void refuse(WireFormat format, GatewayError error);

    /** Answers 200 with one JSON body. */
    void sendJson(byte[] body);

    /** Starts the stream (HTTP: the 200 and the SSE headers); called once, before the first event. */
    void openStream();

    /** Writes one event and flushes it. */
    void event(SseEvent event);

    /** Shows a silent stream is alive (and finds out whether the caller still is). */
    void heartbeat();

    /** Ends a started stream. */
    void closeStream();
}
