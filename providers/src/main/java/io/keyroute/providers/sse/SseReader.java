package io.keyroute.providers.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events from a byte stream as they arrive, following the WHATWG rules that
 * matter for LLM APIs: lines end in LF, CRLF or CR; {@code data:} lines of one event join with
 * LF; a blank line ends an event; lines starting with ':' are comments; one space after the
 * colon is dropped. Works for data-only streams (OpenAI, Gemini) and event+data ones (Anthropic).
 * Never reads ahead past what the socket has delivered, so each event is handed on at once.
 *
 * <p>Memory is bounded whatever the upstream sends: a line, and the data of one event, of more than
 * {@link #MAX_EVENT_BYTES} end the stream with {@link SseTooLarge} (a caller's own {@code base_url}
 * could otherwise grow one event until the heap runs out).
 */
public final class SseReader {
    /**
     * The most one event's data (and so any one line) may hold. Far above any real event (a token
     * delta is a few hundred bytes; an inline image a few MB), far below the heap.
     */
    public static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;
    /**
     * Bytes asked for per read. Helidon's chunked entity stream allocates a buffer of the asked
     * size on every read, so asking for 8 KB per (typically 300-byte) event was the largest
     * allocation of a streamed answer.
     */
    private static final int READ_SIZE = 1024;
    /**
     * Room for a typical event and the next read; doubled for longer lines. It lives as long as its
     * stream: 8 KB here was 8 MB of heap with 1,000 open streams.
     */
    private static final int INITIAL_BUFFER = 2 * READ_SIZE;

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final int maxEventBytes;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    private boolean eof;
    private boolean skipLeadingLf;
    private int lineStart;
    private int lineEnd;
    /** Where the search for the next line's end goes on: bytes before it hold none (no rescans of a long line). */
    private int scanFrom;

    public SseReader(InputStream in) {
        this(in, MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes the bound on a line and on one event's data (tests use small ones) */
    SseReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The next event, or null at the end of the stream (a partial event at the end is dropped).
     *
     * @throws SseTooLarge when a line or the event's data passes the bound
     */
    public SseEvent next() throws IOException {
        String event = null;
        String data = null;
        StringBuilder moreData = null; // only for an event of several data lines
        long dataBytes = 0; // the event's data so far, counted in the upstream's bytes with its joining newlines
        while (nextLine()) {
            int from = lineStart;
            int to = lineEnd;
            if (from == to) {
                if (data != null) {
                    return new SseEvent(event, moreData == null ? data : moreData.toString());
                }
                event = null; // an event without data is not dispatched
                continue;
            }
            if (buffer[from] == ':') {
                continue;
            }
            int colon = indexOfColon(from, to);
            int nameEnd = colon < 0 ? to : colon;
            int valueStart = colon < 0 ? to : valueAfter(colon, to);
            if (fieldIs(DATA, from, nameEnd)) {
                dataBytes += to - valueStart + (data == null ? 0 : 1);
                if (dataBytes > maxEventBytes) {
                    throw new SseTooLarge("SSE event larger than " + maxEventBytes + " bytes");
                }
                String value = text(valueStart, to);
                if (data == null) {
                    data = value;
                } else {
                    if (moreData == null) {
                        moreData = new StringBuilder(data);
                    }
                    moreData.append('\n').append(value);
                }
            } else if (fieldIs(EVENT, from, nameEnd)) {
                event = text(valueStart, to);
            }
            // id and retry mean nothing to a relay; unknown fields are ignored per spec
        }
        return null;
    }

    /**
     * Finds the next line in the buffer, reading as needed: true with its bytes at
     * [lineStart, lineEnd), valid until the next call; false at the end of the stream.
     */
    private boolean nextLine() throws IOException {
        while (true) {
            if (skipLeadingLf && start < end) {
                if (buffer[start] == '\n') {
                    start++;
                }
                skipLeadingLf = false;
            }
            for (int i = Math.max(start, scanFrom); i < end; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    lineStart = start;
                    lineEnd = i;
                    start = i + 1;
                    scanFrom = start;
                    skipLeadingLf = b == '\r';
                    return true;
                }
            }
            scanFrom = end;
            if (eof) {
                return false;
            }
            fill();
        }
    }

    private int indexOfColon(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** Where a field's value starts: after its colon and the one space that may follow it. */
    private int valueAfter(int colon, int to) {
        return colon + 1 < to && buffer[colon + 1] == ' ' ? colon + 2 : colon + 1;
    }

    private boolean fieldIs(byte[] name, int from, int to) {
        return Arrays.equals(buffer, from, to, name, 0, name.length);
    }

    private String text(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanFrom -= start;
            start = 0;
        }
        if (end == buffer.length) {
            if (buffer.length > maxEventBytes) { // the line's terminator may be the one byte past the bound
                throw new SseTooLarge("SSE line longer than " + maxEventBytes + " bytes");
            }
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxEventBytes + 1));
        }
        int n = in.read(buffer, end, Math.min(READ_SIZE, buffer.length - end));
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
