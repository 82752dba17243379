package io.keyroute.api.canonical;

/** Writes {@link StreamEvent}s as one wire format's server-sent events. One per stream: it holds state. */
public interface StreamEventWriter {
    void write(StreamEvent event, EventSink sink);

    /**
     * The upstream event whose canonical events were just written is over: anything held back to
     * see what else that event carried is written now, so the caller waits for nothing the upstream
     * already sent. Most formats hold nothing back.
     */
    default void flush(EventSink sink) {
    }
}
