package io.keyroute.providers.translate;

import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.sse.SseEvent;

/**
 * The stream decoder every adapter shares: the provider's reader turns each event into canonical
 * events (usage and the end marker are taken from those), and the caller's writer encodes them.
 * Without a writer (the caller speaks the provider's format) each event passes through as it came.
 */
public final class CanonicalStreamDecoder implements StreamDecoder {
    private final StreamEventReader reader;
    private final StreamEventWriter writer;
    private boolean complete;
    private String reportedError;

    /** @param writer the caller's format, or null to pass the provider's events through */
    public CanonicalStreamDecoder(StreamEventReader reader, StreamEventWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public void onEvent(SseEvent event, StreamOutput out) {
        EventSink sink = (name, data) -> out.event(new SseEvent(name, data));
        reader.read(event.event(), event.data(), e -> {
            switch (e) {
                case StreamEvent.UsageReport u when u.partial() -> out.partialUsage(u.usage());
                case StreamEvent.UsageReport u -> out.usage(u.usage());
                case StreamEvent.End end -> complete = true;
                case StreamEvent.Error error -> {
                    complete = true; // the provider said how it ended: it failed
                    reportedError = error.message();
                }
                default -> {
                }
            }
            if (writer != null) {
                writer.write(e, sink);
            }
        });
        if (writer == null) {
            out.event(event);
        } else {
            writer.flush(sink);
        }
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public String reportedError() {
        return reportedError;
    }
}
