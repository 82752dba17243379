package io.keyroute.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseReaderTest {

    private static List<SseEvent> readAll(InputStream in) throws IOException {
        SseReader reader = new SseReader(in);
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent e = reader.next(); e != null; e = reader.next()) {
            events.add(e);
        }
        return events;
    }

    private static List<SseEvent> readAll(String text) throws IOException {
        return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "line ending {0}")
    @ValueSource(strings = {"LF", "CRLF", "CR"})
    void everyLineEndingStyle(String style) throws IOException {
        String eol = switch (style) {
            case "LF" -> "\n";
            case "CRLF" -> "\r\n";
            default -> "\r";
        };
        String text = "data: one" + eol + eol
                + "event: message_delta" + eol + "data: two" + eol + "data: lines" + eol + eol
                + "data: [DONE]" + eol + eol;

        List<SseEvent> expected = List.of(SseEvent.data("one"), new SseEvent("message_delta", "two\nlines"),
                SseEvent.data("[DONE]"));
        assertThat(readAll(text)).containsExactlyElementsOf(expected);
        assertThat(readAll(TrickleInputStream.of(text.getBytes(StandardCharsets.UTF_8), 1)))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void multiLineDataIsJoinedWithLf() throws IOException {
        assertThat(readAll("data: {\ndata: \"a\": 1\ndata: }\n\n"))
                .containsExactly(SseEvent.data("{\n\"a\": 1\n}"));
    }

    @Test
    void commentsAreIgnoredAnywhere() throws IOException {
        assertThat(readAll(": keep-alive\n\ndata: a\n: between lines\ndata: b\n\n:\n\n"))
                .containsExactly(SseEvent.data("a\nb"));
    }

    @Test
    void eventNamesAreReadAndDoNotLeakIntoTheNextEvent() throws IOException {
        assertThat(readAll("event: message_start\ndata: {}\n\ndata: plain\n\n"))
                .containsExactly(new SseEvent("message_start", "{}"), SseEvent.data("plain"));
    }

    @Test
    void onlyOneLeadingSpaceIsStripped() throws IOException {
        assertThat(readAll("data:  two spaces\n\ndata:none\n\ndata: \n\nevent:  spaced\ndata:x\n\n"))
                .containsExactly(SseEvent.data(" two spaces"), SseEvent.data("none"), SseEvent.data(""),
                        new SseEvent(" spaced", "x"));
    }

    @Test
    void aFieldWithoutColonHasAnEmptyValue() throws IOException {
        assertThat(readAll("data\n\n")).containsExactly(SseEvent.data(""));
    }

    @Test
    void eventWithoutDataIsNotDispatchedAndItsNameIsForgotten() throws IOException {
        assertThat(readAll("event: ping\n\n\n\ndata: after\n\n"))
                .containsExactly(SseEvent.data("after"));
    }

    @Test
    void unknownFieldsAndIdAndRetryAreIgnored() throws IOException {
        assertThat(readAll("id: 7\nretry: 1000\nfoo: bar\ndata: x\n\n"))
                .containsExactly(SseEvent.data("x"));
    }

    @Test
    void partialEventAtEndOfStreamIsDropped() throws IOException {
        assertThat(readAll("data: complete\n\ndata: cut off\n")).containsExactly(SseEvent.data("complete"));
        assertThat(readAll("data: complete\n\ndata: cut off")).containsExactly(SseEvent.data("complete"));
        assertThat(readAll("")).isEmpty();
    }

    @Test
    void endOfStreamIsReportedAgainOnLaterCalls() throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream("data: x\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(reader.next()).isEqualTo(SseEvent.data("x"));
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() throws IOException {
        String data = "héllo € 中文 😀";
        byte[] bytes = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(TrickleInputStream.of(bytes, 1))).containsExactly(SseEvent.data(data));
    }

    @Test
    void linesLongerThanTheInitialBufferAreRead() throws IOException {
        String data = "x".repeat(100_000);
        assertThat(readAll(TrickleInputStream.of(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8), 4096)))
                .containsExactly(SseEvent.data(data));
    }

    @Test
    void aCompleteEventIsReturnedWithoutWaitingForMoreBytes() throws IOException {
        byte[] bytes = "data: first\r\n\r\ndata: second\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int firstEnd = "data: first\r\n\r\n".length();
        TrickleInputStream in = new TrickleInputStream(bytes, 3, 42);
        SseReader reader = new SseReader(in);

        in.releaseUpTo(firstEnd);
        assertThat(reader.next()).isEqualTo(SseEvent.data("first"));
        in.releaseUpTo(bytes.length);
        assertThat(reader.next()).isEqualTo(SseEvent.data("second"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void anEventOfManyDataLinesIsReadUpToTheBoundAndRefusedPastIt() throws IOException {
        String line = "y".repeat(1023); // with its joining newline, 1 KiB of the event's data per line
        int lines = SseReader.MAX_EVENT_BYTES / 1024;
        String atTheBound = ("data: " + line + "\n").repeat(lines - 1) + "data: " + "y".repeat(1024) + "\n\n";
        SseEvent read = new SseReader(new ByteArrayInputStream(atTheBound.getBytes(StandardCharsets.US_ASCII))).next();
        assertThat(read.data().length()).isEqualTo(SseReader.MAX_EVENT_BYTES);

        String onePast = ("data: " + line + "\n").repeat(lines) + "data: y\n\n";
        SseReader reader = new SseReader(new ByteArrayInputStream(onePast.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(reader::next).isInstanceOf(SseTooLarge.class)
                .hasMessage("SSE event larger than " + SseReader.MAX_EVENT_BYTES + " bytes");
    }

    @Test
    void anEndlessLineIsRefusedAfterReadingLittleMoreThanTheBound() {
        var endless = new CountingEndlessStream((byte) 'z');
        SseReader reader = new SseReader(endless);
        assertThatThrownBy(reader::next).isInstanceOf(SseTooLarge.class)
                .hasMessage("SSE line longer than " + SseReader.MAX_EVENT_BYTES + " bytes");
        assertThat(endless.read).isBetween((long) SseReader.MAX_EVENT_BYTES, SseReader.MAX_EVENT_BYTES + 1024L + 1);
    }

    @Test
    void anEndlessEventOfDataLinesIsRefusedAfterReadingLittleMoreThanTheBound() {
        byte[] line = ("data: " + "w".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        var endless = new CountingEndlessStream(line);
        SseReader reader = new SseReader(endless);
        assertThatThrownBy(reader::next).isInstanceOf(SseTooLarge.class);
        // Each line adds 101 bytes of data for 108 on the wire.
        assertThat(endless.read).isLessThan(SseReader.MAX_EVENT_BYTES / 101L * 108 + 2 * 1024 + 108);
    }
}
