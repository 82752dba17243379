package io.keyroute.vault.responses;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stored response seals, as UTF-8: the caller's input items, the Response object as the caller got it (or
 * none), and the model's output items as spans of one text, which for a kept answer is that very Response object:
 * its output items are part of it, so each is kept once and nothing is written again ({@link #sent}). Any other
 * items and body ({@link #of}) are kept as the body followed by the output items.
 *
 * <p>Sealed form ({@link #encode}), big-endian: format {@value #FORMAT}; the input items (a count, then each a
 * length and its bytes); the text (a length and its bytes); the body's length within the text, or -1 for none;
 * the output items (a count, then each a start and an end in the text). Format 1, written before, held the items
 * and the body each in full, and still opens ({@link #decode}).
 */
public final class ResponseText {
    private static final int FORMAT = 2;
    private static final int ITEMS_FORMAT = 1;
    private static final int NO_BODY = -1;

    private final List<byte[]> input;
    private final byte[] text;
    private final int bodyLength;
    /** Start and end of each output item in {@link #text}. */
    private final int[] output;

    private ResponseText(List<byte[]> input, byte[] text, int bodyLength, int[] output) {
        this.input = List.copyOf(input);
        this.text = text;
        this.bodyLength = bodyLength;
        this.output = output;
    }

    /**
     * A kept answer as it was sent: the caller's input items, and the Response object, whose output items stand
     * at {@code output} (start and end of each, in order). The arrays are the caller's, not copied: not to be
     * changed after.
     */
    public static ResponseText sent(List<byte[]> input, byte[] response, int[] output) {
        if (output.length % 2 != 0) {
            throw new IllegalArgumentException("output spans come in pairs: start, end");
        }
        return new ResponseText(input, response, response.length, within(output, response.length));
    }

    private static int[] within(int[] spans, int length) {
        for (int i = 0; i < spans.length; i += 2) {
            if (spans[i] < 0 || spans[i] > spans[i + 1] || spans[i + 1] > length) {
                throw new IllegalArgumentException("output item " + i / 2 + " is not within the text");
            }
        }
        return spans;
    }

    /** Any items and body (or none): the text is the body, then the output items. */
    public static ResponseText of(ResponseItems items, String body) {
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        List<byte[]> outputs = utf8(items.output());
        int size = bodyBytes.length;
        for (byte[] item : outputs) {
            size += item.length;
        }
        byte[] text = new byte[size];
        System.arraycopy(bodyBytes, 0, text, 0, bodyBytes.length);
        int[] spans = new int[outputs.size() * 2];
        int at = bodyBytes.length;
        for (int i = 0; i < outputs.size(); i++) {
            byte[] item = outputs.get(i);
            System.arraycopy(item, 0, text, at, item.length);
            spans[2 * i] = at;
            at += item.length;
            spans[2 * i + 1] = at;
        }
        return new ResponseText(utf8(items.input()), text, body == null ? NO_BODY : bodyBytes.length, spans);
    }

    /** The items, input then output, as text. */
    public ResponseItems items() {
        List<String> inputs = new ArrayList<>(input.size());
        input.forEach(item -> inputs.add(new String(item, StandardCharsets.UTF_8)));
        List<String> outputs = new ArrayList<>(output.length / 2);
        for (int i = 0; i < output.length; i += 2) {
            outputs.add(new String(text, output[i], output[i + 1] - output[i], StandardCharsets.UTF_8));
        }
        return new ResponseItems(inputs, outputs);
    }

    /** The Response object as the caller got it, or null. */
    public String body() {
        return bodyLength == NO_BODY ? null : new String(text, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /** How many items: what a conversation's item bound counts. */
    public int count() {
        return input.size() + output.length / 2;
    }

    /** The items' UTF-8 size: what a conversation's byte bound counts (as {@link ResponseItems#bytes}). */
    public long bytes() {
        long bytes = 0;
        for (byte[] item : input) {
            bytes += item.length;
        }
        for (int i = 0; i < output.length; i += 2) {
            bytes += output[i + 1] - output[i];
        }
        return bytes;
    }

    /** The sealed form: written once into an array of its exact size. */
    byte[] encode() {
        int size = 1 + 4 + 4 + text.length + 4 + 4 + 4 * output.length;
        for (byte[] item : input) {
            size += 4 + item.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) FORMAT).putInt(input.size());
        for (byte[] item : input) {
            out.putInt(item.length).put(item);
        }
        out.putInt(text.length).put(text).putInt(bodyLength).putInt(output.length / 2);
        for (int at : output) {
            out.putInt(at);
        }
        return out.array();
    }

    /** What {@link #encode} wrote, or a format 1 payload; checked as it is read. */
    static ResponseText decode(byte[] plaintext) {
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        try {
            int format = in.get() & 0xff;
            if (format == ITEMS_FORMAT) {
                var items = new ResponseItems(texts(in), texts(in));
                List<String> body = texts(in);
                return of(items, body.isEmpty() ? null : body.getFirst());
            }
            if (format != FORMAT) {
                throw new IllegalStateException("stored response payload format " + format + " is unknown");
            }
            List<byte[]> input = chunks(in);
            byte[] text = chunk(in);
            int bodyLength = in.getInt();
            int[] output = new int[Math.multiplyExact(in.getInt(), 2)];
            for (int i = 0; i < output.length; i++) {
                output[i] = in.getInt();
            }
            if (bodyLength < NO_BODY || bodyLength > text.length) {
                throw new IllegalArgumentException("body length " + bodyLength);
            }
            return new ResponseText(input, text, bodyLength, within(output, text.length));
        } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalStateException("stored response payload is cut short or malformed", e);
        }
    }

    private static List<byte[]> utf8(List<String> texts) {
        List<byte[]> bytes = new ArrayList<>(texts.size());
        texts.forEach(text -> bytes.add(text.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    private static List<byte[]> chunks(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException("item count " + count);
        }
        List<byte[]> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunks.add(chunk(in));
        }
        return chunks;
    }

    private static byte[] chunk(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length);
        }
        byte[] chunk = new byte[length];
        in.get(chunk);
        return chunk;
    }

    private static List<String> texts(ByteBuffer in) {
        List<String> texts = new ArrayList<>();
        chunks(in).forEach(chunk -> texts.add(new String(chunk, StandardCharsets.UTF_8)));
        return texts;
    }
}
