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
 * The plaintext a stored response seals: a format number, the input and output items (each list a
 * count and length-prefixed UTF-8 texts), then the response body or none.
 */
record SealedPayload(ResponseItems items, String body) {
    private static final int FORMAT = 1;

    byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            write(out, items.input());
            write(out, items.output());
            write(out, body == null ? List.of() : List.of(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SealedPayload decode(byte[] plaintext) {
        try (var in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("stored response payload format " + format + " is unknown");
            }
            var items = new ResponseItems(read(in), read(in));
            List<String> body = read(in);
            return new SealedPayload(items, body.isEmpty() ? null : body.getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static List<String> read(DataInputStream in) throws IOException {
        int size = in.readInt();
        var texts = new ArrayList<String>(size);
        for (int i = 0; i < size; i++) {
            texts.add(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
        }
        return texts;
    }
}
