package io.keyroute.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Reads a body with a size cap, so an endless or huge answer cannot exhaust memory. When the
 * length is declared (Content-Length) the body is read into an array of exactly that size: a
 * generous fixed buffer per request was the largest allocation on the hot path. A declared body
 * is read to its end, so the HTTP client can reuse the connection.
 */
public final class Bodies {
    private static final int FIRST_CHUNK = 4096;

    private Bodies() {
    }

    /** At most {@code limit} bytes; the rest, if any, is left unread. */
    public static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return readAtMost(in, -1, limit);
    }

    /**
     * At most {@code limit} bytes of a body whose length may be declared.
     *
     * @param declaredLength the Content-Length, or -1 when unknown (chunked)
     */
    public static byte[] readAtMost(InputStream in, long declaredLength, int limit) throws IOException {
        return readAtMost(in, declaredLength, limit, bytes -> { });
    }

    /**
     * As {@link #readAtMost(InputStream, long, int)}, telling {@code allocating} of every array it is
     * about to fill (the declared length, else each growth), which may refuse by throwing.
     */
    public static byte[] readAtMost(InputStream in, long declaredLength, int limit, LongConsumer allocating)
            throws IOException {
        if (declaredLength >= 0 && declaredLength <= limit) {
            allocating.accept(declaredLength);
            byte[] body = in.readNBytes((int) declaredLength);
            if (body.length == declaredLength) {
                // One read past the end, which returns -1 at once: Helidon's client keeps a connection for the
                // next call only when the body was read to its end, and closed (and reconnected) it otherwise.
                in.read();
            }
            return body;
        }
        allocating.accept(Math.min(limit, FIRST_CHUNK));
        byte[] buffer = new byte[Math.min(limit, FIRST_CHUNK)];
        int size = 0;
        while (size < limit) {
            if (size == buffer.length) {
                int grown = (int) Math.min(limit, buffer.length * 2L);
                allocating.accept(grown - buffer.length);
                buffer = Arrays.copyOf(buffer, grown);
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /** A Content-Length header's value, or -1 when absent or malformed. */
    public static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
