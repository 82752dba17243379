package io.keyroute.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzz target for {@link SseReader} (issue 17): whatever an upstream sends, in whatever pieces, the
 * reader hands out events no larger than its bound or fails with {@link SseTooLarge}, and it never
 * takes in much more than the bound before failing. Tries: {@code jqwik.tries.default}
 * (src/test/resources/junit-platform.properties; raise it with {@code -Djqwik.tries.default=N}).
 */
class SseReaderFuzzTest {
    private static final int READ_SIZE = 1024;
    private static final int INITIAL_BUFFER = 2 * READ_SIZE;

    @Property
    void anyBytesInAnyPiecesGiveBoundedEventsOrTheBoundedError(
            @ForAll("wire") byte[] wire,
            @ForAll @IntRange(min = 1, max = 64) int maxBytesPerRead,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4096) int bound) throws IOException {
        var reader = new SseReader(new TrickleInputStream(wire, maxBytesPerRead, seed), bound);
        try {
            for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                // One char per byte at most (a malformed byte decodes to one replacement char).
                assertThat(event.data().length()).isLessThanOrEqualTo(bound);
                assertThat(event.event() == null ? 0 : event.event().length())
                        .isLessThanOrEqualTo(Math.max(bound + 1, INITIAL_BUFFER));
            }
        } catch (SseTooLarge expected) {
            assertThat(expected).hasMessageContaining(String.valueOf(bound));
        }
    }

    /**
     * An upstream that never ends its line or its event is cut after a bounded number of bytes: every
     * repetition of a data line adds at least its joining newline to the event.
     */
    @Property
    void anEndlessLineOrEventIsCutAfterBoundedBytes(
            @ForAll("endless") byte[] pattern,
            @ForAll @IntRange(min = 1, max = 8192) int bound) {
        var upstream = new CountingEndlessStream(pattern);
        var reader = new SseReader(upstream, bound);
        assertThatThrownBy(reader::next).isInstanceOf(SseTooLarge.class);
        assertThat(upstream.read).isLessThanOrEqualTo((bound + 2L) * pattern.length + INITIAL_BUFFER + 2L * READ_SIZE);
    }

    /** SSE-shaped noise: field names, separators, every line ending, random bytes and long runs. */
    @Provide
    Arbitrary<byte[]> wire() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("data:", "data: ", "event: ", "event:", ":", "id: 1", "retry: 5",
                        "\n", "\r", "\r\n", "\n\n", "\r\n\r\n", " ", "[DONE]", "{\"a\":1}", "é", "€", "😀")),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 9000).map("x"::repeat)));
        Arbitrary<byte[]> text = token.list().ofMaxSize(120).map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, text), net.jqwik.api.Tuple.of(1, raw),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(text, raw).flatMap(a -> a).list().ofMaxSize(4).map(SseReaderFuzzTest::concat)));
    }

    /** One line that never ends, or one data line (any ending) repeated with never a blank line. */
    @Provide
    Arbitrary<byte[]> endless() {
        Arbitrary<String> noLineEnd = Arbitraries.strings().excludeChars('\n', '\r').ofMaxLength(300);
        Arbitrary<byte[]> oneLine = noLineEnd.filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> dataLines = net.jqwik.api.Combinators.combine(
                        Arbitraries.of("data:", "data: "), noLineEnd, Arbitraries.of("\n", "\r", "\r\n"))
                .as((field, value, eol) -> (field + value + eol).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(oneLine, dataLines);
    }

    private static byte[] concat(List<byte[]> parts) {
        var out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
