package io.keyroute.providers;

import static io.keyroute.providers.CallerRequests.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Responses API stream as its caller reads it off the wire: each event's {@code event:} name and
 * JSON, in order. Read back into what the SDK relies on: the event types, their sequence numbers,
 * the text the deltas add up to, and the response the terminal event carries. {@code answer} is what
 * the gateway learnt from the same stream (usage reports, whether it completed, its error).
 */
record ResponsesEvents(List<SseEvent> events, StreamedAnswer answer) {
    /** Ids Keyroute makes up (response, item): the goldens show where one is, not its digits. */
    private static final Pattern RANDOM_ID = Pattern.compile("\\b(resp|msg|fc|rs|call)_[0-9a-f]{48}\\b");

    /** The stream {@code call} gets for {@code request}, read to its end. */
    static ResponsesEvents read(AdapterOverTransport call, ChatRequest request) {
        try (AdapterOverTransport.OpenStream open = call.open(request)) {
            while (open.next()) {
                // every event is collected as it is read
            }
            return of(open.relayed(), open.answer());
        }
    }

    private static ResponsesEvents of(byte[] relayed, StreamedAnswer answer) {
        List<SseEvent> events = new ArrayList<>();
        try {
            SseReader reader = new SseReader(new ByteArrayInputStream(relayed));
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ResponsesEvents(List.copyOf(events), answer);
    }

    /** Each event's type, runs of the same delta type as one. */
    List<String> types() {
        List<String> types = new ArrayList<>();
        for (JsonNode e : parsed()) {
            String type = e.path("type").asText();
            if (!(type.endsWith(".delta") && !types.isEmpty() && types.getLast().equals(type))) {
                types.add(type);
            }
        }
        return types;
    }

    /** Each event's sequence_number, in order. */
    List<Integer> sequenceNumbers() {
        return parsed().stream().map(e -> e.path("sequence_number").asInt(-1)).toList();
    }

    /** The deltas of {@code type} joined. */
    String deltas(String type) {
        StringBuilder text = new StringBuilder();
        parsed().stream().filter(e -> e.path("type").asText().equals(type)).forEach(e -> text.append(e.path("delta").asText()));
        return text.toString();
    }

    /** The last event. */
    JsonNode last() {
        return parsed().getLast();
    }

    /** The response the last event carries (response.completed, .incomplete or .failed). */
    JsonNode response() {
        return last().path("response");
    }

    /** As a golden {@code <case>.responses.jsonl} has them: {@code event: <type> <data>} a line, made-up ids masked. */
    List<String> goldenLines() {
        return events.stream().map(e -> masked("event: " + e.event() + " " + e.data())).toList();
    }

    /** {@code text} with the ids Keyroute made up shown as {@code <prefix>_(random)}, as the goldens show them. */
    static String masked(String text) {
        return RANDOM_ID.matcher(text).replaceAll("$1_(random)");
    }

    /** Whether every event names its type in its {@code event:} line too, as OpenAI's stream does. */
    boolean named() {
        return events.stream().allMatch(e -> e.event() != null && e.event().equals(json(e.data()).path("type").asText()));
    }

    private List<JsonNode> parsed() {
        return events.stream().map(e -> json(e.data())).toList();
    }
}
