package io.keyroute.server.guardrails.remote;

/**
 * Checkers written in Python (Presidio, most classifiers) count positions in code points; Java
 * strings in UTF-16 units, which differ after any character outside the Basic Multilingual Plane
 * (an emoji). Converts one to the other.
 */
final class CodePoints {
    private CodePoints() {
    }

    /** The UTF-16 index of code point {@code offset} in {@code text}, or -1 when {@code text} has fewer. */
    static int toUtf16(CharSequence text, int offset) {
        if (offset < 0) {
            return -1;
        }
        try {
            return Character.offsetByCodePoints(text, 0, offset);
        } catch (IndexOutOfBoundsException beyond) {
            return -1;
        }
    }
}
