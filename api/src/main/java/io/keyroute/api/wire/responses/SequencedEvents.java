package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.wire.JsonFields;

/**
 * Sends one stream's Responses events as server-sent events named by their {@code type}, each
 * stamped with the next {@code sequence_number} (from 0, one more per event sent), which every
 * {@code ResponseStreamEvent} of the spec carries.
 */
final class SequencedEvents {
    private EventSink sink;
    private int next;

    /** A new event of {@code type}, to fill and {@link #send}. */
    static ObjectNode event(String type) {
        return JsonFields.object().put("type", type);
    }

    /** Where the events go while the writer handles the current canonical event. */
    void to(EventSink current) {
        this.sink = current;
    }

    void send(ObjectNode event) {
        event.put("sequence_number", next++);
        sink.emit(event.get("type").asText(), JsonFields.write(event));
    }
}
