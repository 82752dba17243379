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
 */
public final class SseReader {
    /** A line this long is a broken or hostile upstream, not a token delta. */
    private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
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

    private final InputStream in;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    private boolean eof;
    private boolean skipLeadingLf;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event, or null at the end of the stream (a partial event at the end is dropped). */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, data.toString());
                }
                event = null; // an event without data is not dispatched
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1);
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> event = value;
                default -> {
                    // id and retry mean nothing to a relay; unknown fields are ignored per spec
                }
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        while (true) {
            if (skipLeadingLf && start < end) {
                if (buffer[start] == '\n') {
                    start++;
                }
                skipLeadingLf = false;
            }
            for (int i = start; i < end; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    String line = new String(buffer, start, i - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    skipLeadingLf = b == '\r';
                    return line;
                }
            }
            if (eof) {
                return null;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            if (buffer.length >= MAX_LINE_BYTES) {
                throw new IOException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, Math.min(READ_SIZE, buffer.length - end));
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
