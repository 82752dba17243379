package io.keyroute.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * How long a tree is as JSON ({@code node.toString()}), counted while it is written and never kept:
 * sizing a long request's tool definitions or tool-call inputs by {@code node.toString()} copied them
 * whole (twice, with the builder's growth) for one number.
 */
public final class JsonSizes {
    private JsonSizes() {
    }

    /** The characters of {@code node} written as JSON: {@code node.toString().length()}. */
    public static long chars(JsonNode node) {
        return written(node).chars;
    }

    /** The UTF-8 bytes of {@code node} written as JSON: {@code utf8Bytes(node.toString())}. */
    public static long utf8Bytes(JsonNode node) {
        return written(node).utf8;
    }

    /** The UTF-8 bytes of {@code text} (an unpaired surrogate counted as half of a pair's four). */
    public static long utf8Bytes(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            bytes += extraUtf8Bytes(text.charAt(i));
        }
        return bytes;
    }

    private static int extraUtf8Bytes(char c) {
        return c < 0x80 ? 0 : c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
    }

    private static Count written(JsonNode node) {
        var count = new Count();
        try {
            Json.MAPPER.writeValue(count, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // nothing to fail: the count writes nowhere
        }
        return count;
    }

    /** A writer that only counts what it is given, in characters and in UTF-8 bytes. */
    private static final class Count extends Writer {
        long chars;
        long utf8;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
            utf8 += length;
            for (int i = offset; i < offset + length; i++) {
                utf8 += extraUtf8Bytes(buffer[i]);
            }
        }

        @Override
        public void write(String text, int offset, int length) {
            chars += length;
            utf8 += length;
            for (int i = offset; i < offset + length; i++) {
                utf8 += extraUtf8Bytes(text.charAt(i));
            }
        }

        @Override
        public void write(int c) {
            chars++;
            utf8 += 1 + extraUtf8Bytes((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
