package io.keyroute.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * SHA-256 over a canonical serialisation of values and JSON, fed to the digest a buffer at a time: each value behind
 * a tag byte, each string behind its length (so no two requests read alike), objects' fields in sorted order,
 * numbers one way. Not JSON: text is hashed as its UTF-8 bytes, unescaped; ASCII text (most of a request) is
 * written into the buffer as it is read, other text is encoded by the JDK first. Many small {@code update} calls
 * cost more than the hash of what they carry, so it is one call per buffer. A hash and its buffer are reused
 * ({@link #take}, {@link #release}): a key allocates neither.
 */
final class CanonicalHash {
    private static final MessageDigest SHA_256;
    private static final HexFormat HEX = HexFormat.of();
    private static final int HASH_BYTES = 32;
    /** Spare hashes, as many as requests hash at once here (a power of two). */
    private static final AtomicReferenceArray<CanonicalHash> SPARE = new AtomicReferenceArray<>(16);

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageDigest digest = sha256();
    private final byte[] buffer = new byte[256];
    private int used;

    private CanonicalHash() {
    }

    /** A spare hash, or a new one when all are in use. */
    static CanonicalHash take() {
        int first = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SPARE.length(); i++) {
            int slot = (first + i) & (SPARE.length() - 1);
            if (SPARE.getPlain(slot) != null) {
                CanonicalHash spare = SPARE.getAndSet(slot, null);
                if (spare != null) {
                    return spare;
                }
            }
        }
        return new CanonicalHash();
    }

    /** Gives it back once its hash was read ({@link #hex}); one given up half-way is let go instead. */
    void release() {
        int first = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SPARE.length(); i++) {
            int slot = (first + i) & (SPARE.length() - 1);
            if (SPARE.getPlain(slot) == null && SPARE.compareAndSet(slot, null, this)) {
                return;
            }
        }
    }

    /** A fresh SHA-256, cloned from one made once: cheaper than a provider look-up. */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    /** Appends the hash of all written so far as hex, and starts over. */
    void hex(StringBuilder out) {
        flush();
        try {
            digest.digest(buffer, 0, HASH_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 fits its buffer", e);
        }
        HEX.formatHex(out, buffer, 0, HASH_BYTES);
    }

    private void flush() {
        digest.update(buffer, 0, used);
        used = 0;
    }

    private void room(int bytes) {
        if (used + bytes > buffer.length) {
            flush();
        }
    }

    void tag(char tag) {
        room(1);
        buffer[used++] = (byte) tag;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): each char's low byte, ASCII's UTF-8
    void text(String text) {
        if (text == null) {
            tag('0');
            return;
        }
        tag('s');
        if (!ascii(text)) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            flush();
            digest.update(utf8);
            return;
        }
        int n = text.length();
        length(n);
        for (int i = 0; i < n; ) {
            room(1);
            int end = Math.min(n, i + buffer.length - used);
            text.getBytes(i, end, buffer, used); // one array copy for a Latin-1 string, not a char at a time
            used += end - i;
            i = end;
        }
    }

    private static boolean ascii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void length(long n) {
        room(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[used++] = (byte) (n >>> shift);
        }
    }

    /** {@code object} without the top-level fields {@code ignored}; every object's fields in sorted order. */
    void object(JsonNode object, Set<String> ignored) {
        String[] names = new String[object.size()];
        int n = 0;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ignored.contains(name)) {
                names[n++] = name;
            }
        }
        Arrays.sort(names, 0, n);
        tag('{');
        length(n);
        for (int i = 0; i < n; i++) {
            text(names[i]);
            value(object.get(names[i]));
        }
    }

    private void value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> object(node, Set.of());
            case ARRAY -> {
                tag('[');
                length(node.size());
                for (JsonNode element : node) {
                    value(element);
                }
            }
            case STRING -> text(node.textValue());
            case NUMBER -> {
                // 0, 0.0 and 0e0 are one temperature
                double value = node.doubleValue();
                if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
                    tag('i');
                    length((long) value);
                } else {
                    tag('d');
                    length(Double.doubleToLongBits(value));
                }
            }
            case BOOLEAN -> tag(node.booleanValue() ? 'T' : 'F');
            case NULL, MISSING -> tag('0');
            default -> text(node.toString()); // binary or POJO nodes: never in a parsed request
        }
    }
}
