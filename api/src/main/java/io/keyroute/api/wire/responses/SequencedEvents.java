package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.EventSink;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Sends one stream's Responses events as server-sent events named by their {@code type}, each
 * stamped with the next {@code sequence_number} (from 0, one more per event sent), which every
 * {@code ResponseStreamEvent} of the spec carries. An event is written straight onto a generator,
 * {@code type} first and {@code sequence_number} last, into a pooled buffer as
 * {@code ObjectMapper.writeValueAsString} writes a tree: the same text, without the tree.
 */
final class SequencedEvents {
    private EventSink sink;
    private int next;

    /** What an event says between its {@code type} and its {@code sequence_number}. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** Where the events go while the writer handles the current canonical event. */
    void to(EventSink current) {
        this.sink = current;
    }

    void send(String type, Fields fields) {
        sink.emit(type, text(type, fields));
    }

    private String text(String type, Fields fields) {
        BufferRecycler recycler = Json.FACTORY._getBufferRecycler();
        try (var out = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("type", type);
                fields.write(g);
                g.writeNumberField("sequence_number", next++);
                g.writeEndObject();
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }
}
