package io.keyroute.providers.sse;

import java.io.InputStream;
import java.util.Random;

/**
 * A stream that hands out at most {@code maxPerRead} bytes per read (a random 1..max with a seed),
 * like a socket delivering small TCP segments, and only up to a {@link #releaseUpTo gate}: a read
 * at the gate fails the test instead of blocking, which proves the reader never needs bytes
 * beyond what has been delivered to hand on an event that is complete.
 */
final class TrickleInputStream extends InputStream {
    private final byte[] bytes;
    private final int maxPerRead;
    private final Random sizes;
    private int position;
    private int gate;

    TrickleInputStream(byte[] bytes, int maxPerRead, long seed) {
        this.bytes = bytes;
        this.maxPerRead = maxPerRead;
        this.sizes = new Random(seed);
        this.gate = bytes.length;
    }

    /** Everything delivered, @{code maxPerRead} bytes at most per read. */
    static TrickleInputStream of(byte[] bytes, int maxPerRead) {
        return new TrickleInputStream(bytes, maxPerRead, 0);
    }

    /** Reads may deliver bytes up to, not including, {@code offset}; beyond it a read fails. */
    void releaseUpTo(int offset) {
        gate = offset;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position == bytes.length) {
            return -1;
        }
        if (position >= gate) {
            throw new AssertionError("read ahead: asked for byte " + position
                    + " although everything up to " + gate + " had been delivered and not yet returned");
        }
        int n = Math.min(Math.min(len, 1 + sizes.nextInt(maxPerRead)), gate - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }
}
