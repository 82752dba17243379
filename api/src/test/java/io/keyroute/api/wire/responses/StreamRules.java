package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a Responses stream keeps whatever the canonical stream was: every event is named by
 * its type and numbered from 0 without a gap; it opens with response.created and
 * response.in_progress; items are added in output_index order, one open at a time, each done
 * exactly once; the deltas of an item add up to the text or arguments its .done events repeat; at
 * most one terminal event comes last, and its response's output is the items as they were done.
 */
final class StreamRules {
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");
    /** Each delta event and the field of its .done event that repeats the deltas whole. */
    private static final Map<String, String> DONE_OF_DELTA = Map.of(
            "response.output_text.delta", "response.output_text.done",
            "response.function_call_arguments.delta", "response.function_call_arguments.done",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done");

    private StreamRules() {
    }

    /** Checks every rule; returns the items as their output_item.done events carried them. */
    static List<JsonNode> check(RecordedStream stream) {
        List<RecordedStream.Frame> frames = stream.frames();
        assertThat(frames).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < frames.size(); i++) {
            RecordedStream.Frame f = frames.get(i);
            assertThat(f.event()).as("event name of frame %d", i).isEqualTo(f.type());
            assertThat(f.data().path("sequence_number").isInt()).as("sequence_number of %s", f).isTrue();
            assertThat(f.data().path("sequence_number").intValue()).as("sequence_number of %s", f).isEqualTo(i);
        }
        assertThat(frames.get(0).type()).isEqualTo("response.created");
        assertThat(frames.get(1).type()).isEqualTo("response.in_progress");

        List<JsonNode> done = new ArrayList<>();
        JsonNode openItem = null;
        StringBuilder deltas = new StringBuilder();
        for (int i = 2; i < frames.size(); i++) {
            RecordedStream.Frame f = frames.get(i);
            ObjectNode data = f.data();
            String type = f.type();
            if (TERMINAL.contains(type)) {
                assertThat(i).as("%s is the last event", type).isEqualTo(frames.size() - 1);
                assertThat(openItem).as("an item still open at %s", type).isNull();
                assertThat(List.copyOf(data.path("response").path("output").valueStream().toList()))
                        .as("the final output is the items as done").isEqualTo(done);
                continue;
            }
            if (type.equals("response.output_item.added")) {
                assertThat(openItem).as("one item open at a time").isNull();
                assertThat(data.path("output_index").intValue()).isEqualTo(done.size());
                openItem = data.path("item");
                deltas.setLength(0);
                continue;
            }
            assertThat(openItem).as("%s belongs to an open item", f).isNotNull();
            if (type.equals("response.output_item.done")) {
                JsonNode item = data.path("item");
                assertThat(data.path("output_index").intValue()).isEqualTo(done.size());
                assertThat(item.path("id").asText()).isEqualTo(openItem.path("id").asText());
                assertThat(item.path("type").asText()).isEqualTo(openItem.path("type").asText());
                assertThat(textOf(item)).as("the done item's text is its deltas").isEqualTo(deltas.toString());
                done.add(item);
                openItem = null;
                continue;
            }
            assertThat(data.path("item_id").asText()).isEqualTo(openItem.path("id").asText());
            assertThat(data.path("output_index").intValue()).isEqualTo(done.size());
            if (DONE_OF_DELTA.containsKey(type)) {
                deltas.append(data.path("delta").asText());
            } else if (DONE_OF_DELTA.containsValue(type)) {
                String field = type.endsWith("arguments.done") ? "arguments" : "text";
                assertThat(data.path(field).asText()).as("%s repeats the deltas", type).isEqualTo(deltas.toString());
            } else if (type.endsWith("part.done")) {
                assertThat(data.path("part").path("text").asText()).isEqualTo(deltas.toString());
            }
        }
        return done;
    }

    /** The text an item's deltas built: a message's text, a call's arguments, a reasoning summary. */
    static String textOf(JsonNode item) {
        return switch (item.path("type").asText()) {
            case "message" -> item.path("content").path(0).path("text").asText();
            case "function_call" -> item.path("arguments").asText();
            case "reasoning" -> item.path("summary").path(0).path("text").asText();
            default -> throw new AssertionError("unexpected item " + item);
        };
    }
}
