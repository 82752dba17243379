package io.keyroute.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a body with a size cap, so an endless or huge answer cannot exhaust memory. */
public final class Bodies {
    private Bodies() {
    }

    /** At most {@code limit} bytes; the rest, if any, is left unread. */
    public static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] buffer = new byte[Math.min(limit, 16 * 1024)];
        int size = 0;
        while (size < limit) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(limit, buffer.length * 2));
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
