package io.keyroute.server.cache;

import io.keyroute.api.WireFormat;
import io.keyroute.providers.sse.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link CachedAnswer} as bytes, for a store outside this process: a version, then its fields, each string and
 * byte run behind its length. What a store hands back is read as untrusted: a value that is not one (another
 * version, cut short, lengths beyond what is there) reads as no answer.
 */
final class AnswerCodec {
    private static final int VERSION = 1;

    private AnswerCodec() {
    }

    /**
     * The answer's bytes, written once into an array of their exact size: each text's UTF-8 is made first, so the
     * body is copied once (a growing stream copied it twice or more).
     */
    static byte[] encode(CachedAnswer answer) {
        List<SseEvent> events = answer.events();
        byte[][] texts = new byte[3 + 2 * events.size()][];
        texts[0] = utf8(answer.format().name());
        texts[1] = utf8(answer.provider());
        texts[2] = utf8(answer.model());
        for (int i = 0; i < events.size(); i++) {
            texts[3 + 2 * i] = utf8(events.get(i).event());
            texts[4 + 2 * i] = utf8(events.get(i).data());
        }
        long size = 1 + 1 + Long.BYTES + Integer.BYTES + answer.body().length + Integer.BYTES;
        for (byte[] text : texts) {
            size += Integer.BYTES + (text == null ? 0 : text.length);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)); // big-endian, as DataOutputStream wrote it
        out.put((byte) VERSION);
        text(out, texts[0]);
        out.put((byte) (answer.streamed() ? 1 : 0));
        text(out, texts[1]);
        text(out, texts[2]);
        out.putLong(answer.costMicros());
        out.putInt(answer.body().length).put(answer.body());
        out.putInt(events.size());
        for (int i = 3; i < texts.length; i++) {
            text(out, texts[i]);
        }
        return out.array();
    }

    static Optional<CachedAnswer> decode(byte[] value) {
        try (var in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readUnsignedByte() != VERSION) {
                return Optional.empty();
            }
            WireFormat format = WireFormat.valueOf(String.valueOf(text(in, value.length)));
            boolean streamed = in.readBoolean();
            String provider = text(in, value.length);
            String model = text(in, value.length);
            long cost = in.readLong();
            byte[] body = bytes(in, value.length);
            int count = in.readInt();
            if (count < 0 || count > value.length) {
                return Optional.empty();
            }
            List<SseEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = text(in, value.length);
                String data = text(in, value.length);
                if (data == null) {
                    return Optional.empty();
                }
                events.add(new SseEvent(name, data));
            }
            if (provider == null || model == null || in.available() != 0) {
                return Optional.empty();
            }
            return Optional.of(new CachedAnswer(format, streamed, body, events, provider, model, cost));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** -1 for null, else its UTF-8 length and bytes. */
    private static void text(ByteBuffer out, byte[] utf8) {
        if (utf8 == null) {
            out.putInt(-1);
        } else {
            out.putInt(utf8.length).put(utf8);
        }
    }

    private static String text(DataInputStream in, int bound) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        return new String(read(in, length, bound), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in, int bound) throws IOException {
        return read(in, in.readInt(), bound);
    }

    private static byte[] read(DataInputStream in, int length, int bound) throws IOException {
        if (length < 0 || length > bound) {
            throw new IOException("a length beyond the value");
        }
        byte[] out = new byte[length];
        in.readFully(out);
        return out;
    }
}
