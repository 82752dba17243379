package io.keyroute.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Canned bytes with a fresh id each time: every occurrence of a placeholder id is overwritten in a
 * copy by an id of the same length, so the bytes are serialised once and each answer still has an
 * id of its own, as OpenAI's have (a gateway that keys on them sees distinct responses).
 */
final class IdStamp {
    private final byte[] template;
    private final int[] offsets;
    private final int length;

    IdStamp(byte[] template, String placeholder) {
        this.template = template;
        byte[] needle = placeholder.getBytes(StandardCharsets.US_ASCII);
        this.length = needle.length;
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i <= template.length - needle.length; i++) {
            if (Arrays.equals(template, i, i + needle.length, needle, 0, needle.length)) {
                found.add(i);
            }
        }
        this.offsets = found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The template with {@code id} (as long as the placeholder) wherever the placeholder was. */
    byte[] with(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != length) {
            throw new IllegalArgumentException("an id of " + length + " characters is needed, not " + bytes.length);
        }
        byte[] copy = template.clone();
        for (int offset : offsets) {
            System.arraycopy(bytes, 0, copy, offset, length);
        }
        return copy;
    }
}
