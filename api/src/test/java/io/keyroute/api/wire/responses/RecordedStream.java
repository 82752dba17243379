package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** What a {@link ResponsesEventWriter} sends for a canonical stream: one frame per server-sent event. */
record RecordedStream(List<Frame> frames) {

    /** One server-sent event: its {@code event:} name and its {@code data:} as sent and parsed. */
    record Frame(String event, String raw, ObjectNode data) {
        String type() {
            return data.path("type").asText();
        }

        @Override
        public String toString() {
            return "event: " + event + " " + raw;
        }
    }

    static RecordedStream of(ResponsesEventWriter writer, List<StreamEvent> events) {
        List<Frame> frames = new ArrayList<>();
        for (StreamEvent e : events) {
            writer.write(e, (name, data) -> frames.add(new Frame(name, data, (ObjectNode) JsonFields.parse(data))));
        }
        return new RecordedStream(frames);
    }

    List<Frame> ofType(String type) {
        return frames.stream().filter(f -> f.type().equals(type)).toList();
    }

    Frame last() {
        return frames.getLast();
    }

    /** The {@code response} object the last event carries. */
    JsonNode finalResponse() {
        return last().data().path("response");
    }
}
