package io.keyroute.providers.sse;

import java.io.InputStream;

/** An upstream that never stops: {@code pattern} over and over, counting the bytes handed out. */
final class CountingEndlessStream extends InputStream {
    private final byte[] pattern;
    private int at;
    long read;

    CountingEndlessStream(byte... pattern) {
        this.pattern = pattern;
    }

    @Override
    public int read() {
        read++;
        byte b = pattern[at];
        at = (at + 1) % pattern.length;
        return b & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        for (int i = 0; i < length; i++) {
            into[offset + i] = pattern[at];
            at = (at + 1) % pattern.length;
        }
        read += length;
        return length;
    }
}
