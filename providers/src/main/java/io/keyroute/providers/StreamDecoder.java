package io.keyroute.providers;

import io.keyroute.providers.sse.SseEvent;

/** Turns one upstream stream's events into the caller's events. One per stream: it holds state. */
public interface StreamDecoder {
    void onEvent(SseEvent event, StreamOutput out);

    /** Whether the provider's end-of-stream marker was seen: a stream that ends without it was cut. */
    boolean complete();
}
