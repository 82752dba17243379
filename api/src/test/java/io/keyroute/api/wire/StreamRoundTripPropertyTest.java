package io.keyroute.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.api.wire.anthropic.AnthropicEventReader;
import io.keyroute.api.wire.anthropic.AnthropicEventWriter;
import io.keyroute.api.wire.openai.OpenAiChunkReader;
import io.keyroute.api.wire.openai.OpenAiChunkWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Writing canonical stream events as a wire format and reading them back keeps the text, every
 * tool call (id, name, arguments), the finish reason and the usage.
 */
class StreamRoundTripPropertyTest {

    @Property(tries = 300)
    void openAiChunksRoundTrip(@ForAll("streams") List<StreamEvent> events) {
        assertThat(summary(roundTrip(events, new OpenAiChunkWriter(1L, true), new OpenAiChunkReader())))
                .isEqualTo(summary(events));
    }

    @Property(tries = 300)
    void anthropicEventsRoundTrip(@ForAll("streams") List<StreamEvent> events) {
        assertThat(summary(roundTrip(events, new AnthropicEventWriter("m"), new AnthropicEventReader())))
                .isEqualTo(summary(events));
    }

    private static List<StreamEvent> roundTrip(List<StreamEvent> events, StreamEventWriter writer, StreamEventReader reader) {
        List<StreamEvent> back = new ArrayList<>();
        for (StreamEvent e : events) {
            writer.write(e, (name, data) -> reader.read(name, data, back::add));
        }
        return back;
    }

    /** What a client makes of a stream: text, calls, finish, last usage, ended. */
    private static List<String> summary(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        List<StringBuilder> calls = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Usage usage = null;
        for (StreamEvent e : events) {
            switch (e) {
                case StreamEvent.TextDelta t -> text.append(t.text());
                case StreamEvent.ToolCallStart c -> calls.add(new StringBuilder(c.id() + "|" + c.name() + "|"));
                case StreamEvent.ToolCallDelta d -> calls.get(d.index()).append(d.argumentsJson());
                case StreamEvent.Finish f -> out.add("finish=" + f.reason());
                case StreamEvent.UsageReport u -> usage = u.usage();
                case StreamEvent.End end -> out.add("end");
                default -> {
                }
            }
        }
        out.add("text=" + text);
        calls.forEach(c -> out.add("call=" + c));
        out.add("usage=" + usage);
        return out;
    }

    @Provide
    Arbitrary<List<StreamEvent>> streams() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<List<String>> texts = text.list().ofMaxSize(5);
        Arbitrary<List<String>> toolNames = name.list().ofMaxSize(3);
        Arbitrary<List<String>> argPieces = text.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Usage> usage = Combinators.combine(Arbitraries.longs().between(0, 5000),
                        Arbitraries.longs().between(0, 5000), Arbitraries.longs().between(0, 100))
                .as((p, c, cached) -> new Usage(p + cached, c, cached, 0));
        return Combinators.combine(texts, toolNames, argPieces, usage).as((ts, tools, pieces, u) -> {
            List<StreamEvent> events = new ArrayList<>();
            events.add(new StreamEvent.Start("id1", "model-x"));
            ts.forEach(t -> events.add(new StreamEvent.TextDelta(t)));
            for (int i = 0; i < tools.size(); i++) {
                events.add(new StreamEvent.ToolCallStart(i, "call_" + i, tools.get(i)));
                for (String p : pieces) {
                    events.add(new StreamEvent.ToolCallDelta(i, p));
                }
            }
            events.add(new StreamEvent.Finish(tools.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS, null));
            events.add(new StreamEvent.UsageReport(u));
            events.add(new StreamEvent.End());
            return events;
        });
    }
}
