package io.keyroute.providers.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event. {@code event} is null for data-only streams (OpenAI, Gemini); Anthropic
 * names every event.
 */
public record SseEvent(String event, String data) {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /**
     * The event as it goes on the wire, terminated by the blank line that ends it: one
     * {@code data:} line per line of data. Written straight into one array (it runs once per
     * relayed event; through a StringBuilder it was three copies of the data).
     */
    public byte[] toBytes() {
        byte[] name = event == null ? null : event.getBytes(StandardCharsets.UTF_8);
        byte[] body = data.getBytes(StandardCharsets.UTF_8);
        int lines = 1;
        for (byte b : body) {
            if (b == '\n') { // never inside a multi-byte UTF-8 sequence
                lines++;
            }
        }
        int size = (name == null ? 0 : EVENT.length + name.length + 1) + lines * DATA.length + body.length + 2;
        byte[] out = new byte[size];
        int at = 0;
        if (name != null) {
            at = put(out, at, EVENT, 0, EVENT.length);
            at = put(out, at, name, 0, name.length);
            out[at++] = '\n';
        }
        int lineStart = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                at = put(out, at, DATA, 0, DATA.length);
                at = put(out, at, body, lineStart, i - lineStart);
                out[at++] = '\n';
                lineStart = i + 1;
            }
        }
        out[at] = '\n';
        return out;
    }

    private static int put(byte[] out, int at, byte[] from, int offset, int length) {
        System.arraycopy(from, offset, out, at, length);
        return at + length;
    }
}
