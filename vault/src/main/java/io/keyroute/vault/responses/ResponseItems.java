package io.keyroute.vault.responses;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response's part of a conversation: the input items the caller sent and the output items the
 * model answered, each one Responses API item as JSON text (the store does not read them), kept
 * as UTF-8.
 */
public record ResponseItems(List<String> input, List<String> output) {
    private static final int FORMAT = 1;

    public ResponseItems {
        input = List.copyOf(input);
        output = List.copyOf(output);
    }

    /** Input then output: the order a continuation sends them in. */
    public List<String> all() {
        var all = new ArrayList<String>(count());
        all.addAll(input);
        all.addAll(output);
        return all;
    }

    public int count() {
        return input.size() + output.size();
    }

    /** The items' UTF-8 size: what a conversation's byte bound counts. */
    public long bytes() {
        long bytes = 0;
        for (String item : all()) {
            bytes += item.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    /** The plaintext that is sealed: a format number, then each list as a count and length-prefixed UTF-8 items. */
    byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            write(out, input);
            write(out, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ResponseItems decode(byte[] plaintext) {
        try (var in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("stored response payload format " + format + " is unknown");
            }
            return new ResponseItems(read(in), read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, List<String> items) throws IOException {
        out.writeInt(items.size());
        for (String item : items) {
            byte[] utf8 = item.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static List<String> read(DataInputStream in) throws IOException {
        int size = in.readInt();
        var items = new ArrayList<String>(size);
        for (int i = 0; i < size; i++) {
            items.add(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
        }
        return items;
    }
}
