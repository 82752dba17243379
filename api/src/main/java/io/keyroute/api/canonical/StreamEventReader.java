package io.keyroute.api.canonical;

import java.util.function.Consumer;

/** Reads one provider stream's events into {@link StreamEvent}s. One per stream: it holds state. */
public interface StreamEventReader {
    /** @param event the SSE event name (null in data-only streams) */
    void read(String event, String data, Consumer<StreamEvent> out);
}
