package io.keyroute.api.canonical;

/** Writes {@link StreamEvent}s as one wire format's server-sent events. One per stream: it holds state. */
public interface StreamEventWriter {
    void write(StreamEvent event, EventSink sink);
}
