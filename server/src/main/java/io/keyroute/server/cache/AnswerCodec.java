package io.keyroute.server.cache;

import io.keyroute.api.WireFormat;
import io.keyroute.providers.sse.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    static byte[] encode(CachedAnswer answer) {
        var bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, answer.bytes()));
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            text(out, answer.format().name());
            out.writeBoolean(answer.streamed());
            text(out, answer.provider());
            text(out, answer.model());
            out.writeLong(answer.costMicros());
            out.writeInt(answer.body().length);
            out.write(answer.body());
            out.writeInt(answer.events().size());
            for (SseEvent event : answer.events()) {
                text(out, event.event());
                text(out, event.data());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory buffer does not fail
        }
        return bytes.toByteArray();
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

    /** -1 for null, else its UTF-8 length and bytes. */
    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
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
