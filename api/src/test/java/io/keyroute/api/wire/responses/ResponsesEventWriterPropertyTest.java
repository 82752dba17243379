package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.error.ErrorType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever canonical events arrive, in whatever order, the Responses stream keeps its rules
 * ({@link StreamRules}): sequence numbers strictly increase from 0, every added item is done
 * exactly once, each item's deltas add up to its .done text or arguments; no text is lost; and
 * the official SDK parses every event and rebuilds the same answer from them.
 */
class ResponsesEventWriterPropertyTest {

    @Property(tries = 500)
    void anyCanonicalStreamMakesAWellFormedResponsesStream(@ForAll("anyStream") List<StreamEvent> events) {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), events);

        List<JsonNode> items = StreamRules.check(stream);

        assertThat(stream.last().type()).isIn("response.completed", "response.incomplete", "response.failed");
        assertThat(stream.ofType("response.output_item.added")).hasSameSizeAs(items);
        assertThat(messageText(items)).isEqualTo(textBeforeTheEnd(events));
    }

    @Property(tries = 100)
    void theOfficialSdkReadsAnyOfThemAsTheAnswerItEndsWith(@ForAll("anyStream") List<StreamEvent> events) throws Exception {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), events);

        assertThat(SdkReading.accumulate(stream).output()).hasSize(stream.finalResponse().path("output").size());
    }

    @Property(tries = 200)
    void everyToolCallOfAnOrderlyStreamArrivesWhole(@ForAll("orderlyToolCalls") List<StreamEvent> events) {
        List<JsonNode> items = StreamRules.check(RecordedStream.of(TestWriters.writer(), events));

        List<String> calls = items.stream().filter(i -> i.path("type").asText().equals("function_call"))
                .map(i -> i.path("call_id").asText() + "|" + i.path("name").asText() + "|" + i.path("arguments").asText())
                .toList();
        assertThat(calls).isEqualTo(expectedCalls(events));
    }

    private static String messageText(List<JsonNode> items) {
        StringBuilder text = new StringBuilder();
        items.stream().filter(i -> i.path("type").asText().equals("message")).forEach(i -> text.append(StreamRules.textOf(i)));
        return text.toString();
    }

    private static String textBeforeTheEnd(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.End || e instanceof StreamEvent.Error) {
                break;
            }
            if (e instanceof StreamEvent.TextDelta t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    private static List<String> expectedCalls(List<StreamEvent> events) {
        List<StringBuilder> calls = new ArrayList<>();
        for (StreamEvent e : events) {
            switch (e) {
                case StreamEvent.ToolCallStart c -> calls.add(new StringBuilder(c.id() + "|" + c.name() + "|"));
                case StreamEvent.ToolCallDelta d -> calls.get(d.index()).append(d.argumentsJson());
                default -> {
                }
            }
        }
        return calls.stream().map(StringBuilder::toString).toList();
    }

    @Provide
    Arbitrary<List<StreamEvent>> anyStream() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 3);
        Arbitrary<Usage> usage = Combinators.combine(Arbitraries.longs().between(0, 5000), Arbitraries.longs().between(0, 5000))
                .as((p, c) -> new Usage(p, c, 0, 0));
        Arbitrary<StreamEvent> event = Arbitraries.oneOf(
                Arbitraries.of("id1", "id2").map(id -> new StreamEvent.Start(id, "model-x")),
                text.map(StreamEvent.TextDelta::new),
                text.map(StreamEvent.ReasoningDelta::new),
                Combinators.combine(index, Arbitraries.of("call_a", "call_b", "")).as((i, id) -> new StreamEvent.ToolCallStart(i, id, "fn" + i)),
                Combinators.combine(index, text).as(StreamEvent.ToolCallDelta::new),
                Arbitraries.of(FinishReason.class).map(r -> new StreamEvent.Finish(r, null)),
                usage.map(StreamEvent.UsageReport::new),
                Arbitraries.just(new StreamEvent.End()),
                Arbitraries.of(ErrorType.UPSTREAM, ErrorType.RATE_LIMIT).map(t -> new StreamEvent.Error(t, "failed")));
        Arbitrary<StreamEvent> terminal = Arbitraries.oneOf(Arbitraries.just(new StreamEvent.End()),
                Arbitraries.just(new StreamEvent.Error(ErrorType.UPSTREAM, "Overloaded")));
        return Combinators.combine(event.list().ofMaxSize(30), terminal).as((events, last) -> {
            List<StreamEvent> all = new ArrayList<>(events);
            all.add(last);
            return all;
        });
    }

    @Provide
    Arbitrary<List<StreamEvent>> orderlyToolCalls() {
        Arbitrary<String> piece = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        return Combinators.combine(name.list().ofMinSize(1).ofMaxSize(4), piece.list().ofMaxSize(4)).as((names, pieces) -> {
            List<StreamEvent> events = new ArrayList<>();
            events.add(new StreamEvent.Start("id1", "model-x"));
            for (int i = 0; i < names.size(); i++) {
                events.add(new StreamEvent.ToolCallStart(i, "call_" + i, names.get(i)));
                for (String p : pieces) {
                    events.add(new StreamEvent.ToolCallDelta(i, p));
                }
            }
            events.add(new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
            events.add(new StreamEvent.UsageReport(new Usage(10, 5, 0, 0)));
            events.add(new StreamEvent.End());
            return events;
        });
    }
}
