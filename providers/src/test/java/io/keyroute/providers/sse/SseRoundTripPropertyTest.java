package io.keyroute.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever {@link SseEvent#toBytes()} writes, {@link SseReader} reads back exactly, with any
 * line-ending style, heartbeat comments between events, and any split of the bytes into reads;
 * and each event is handed on as soon as its last byte has been delivered (no read-ahead).
 */
class SseRoundTripPropertyTest {

    @Property(tries = 500)
    void eventsSurviveSerialisationAndArbitraryChunking(
            @ForAll("events") List<SseEvent> events,
            @ForAll("lineEndings") String eol,
            @ForAll("heartbeats") List<Boolean> heartbeatBefore,
            @ForAll @IntRange(min = 1, max = 16) int maxBytesPerRead,
            @ForAll long seed) throws IOException {
        var wire = new ByteArrayOutputStream();
        List<Integer> eventEnds = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (heartbeatBefore.get(i % heartbeatBefore.size())) {
                wire.writeBytes(withLineEnding(": keep-alive\n", eol));
            }
            wire.writeBytes(withLineEnding(events.get(i).toBytes(), eol));
            eventEnds.add(wire.size());
        }
        byte[] bytes = wire.toByteArray();
        var in = new TrickleInputStream(bytes, maxBytesPerRead, seed);
        var reader = new SseReader(in);

        List<SseEvent> read = new ArrayList<>();
        for (int end : eventEnds) {
            in.releaseUpTo(end);
            read.add(reader.next());
        }
        in.releaseUpTo(bytes.length);

        assertThat(read).containsExactlyElementsOf(events);
        assertThat(reader.next()).isNull();
    }

    private static byte[] withLineEnding(byte[] lfText, String eol) {
        return withLineEnding(new String(lfText, StandardCharsets.UTF_8), eol);
    }

    private static byte[] withLineEnding(String lfText, String eol) {
        return lfText.replace("\n", eol).getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> lineEndings() {
        return Arbitraries.of("\n", "\r\n", "\r");
    }

    @Provide
    Arbitrary<List<Boolean>> heartbeats() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<SseEvent>> events() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars("_.: ")
                .ofMaxLength(12).injectNull(0.4);
        Arbitrary<String> line = Arbitraries.strings().withCharRange(' ', '~').withChars("\té€中§")
                .ofMaxLength(30)
                .map(s -> s.replace("§", "😀")); // a supplementary character, as a valid surrogate pair
        Arbitrary<String> data = line.list().ofMinSize(1).ofMaxSize(4).map(lines -> String.join("\n", lines));
        return Combinators.combine(names, data).as(SseEvent::new).list().ofMaxSize(8);
    }
}
