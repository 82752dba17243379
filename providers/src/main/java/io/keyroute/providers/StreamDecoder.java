package io.keyroute.providers;

import io.keyroute.providers.sse.SseEvent;

/** Turns one upstream stream's events into the caller's events. One per stream: it holds state. */
public interface StreamDecoder {
    void onEvent(SseEvent event, StreamOutput out);

    /**
     * Whether the provider said how the stream ended, with its end-of-stream marker or an error
     * event: a stream that ends without either was cut.
     */
    boolean complete();

    /**
     * The message of the error event the provider reported in the stream, or null while it reported
     * none. Every provider's error event is a failed answer (Anthropic's {@code overloaded_error} is
     * its 529 sent after the 200), so the stream that carries one failed, however it ends.
     */
    String reportedError();
}
