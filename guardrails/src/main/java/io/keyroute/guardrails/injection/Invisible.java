package io.keyroute.guardrails.injection;

/**
 * Characters a reader does not see but a model reads: zero-width spaces and joiners, word joiners,
 * a byte-order mark inside text, bidirectional overrides and isolates (which reorder what is
 * shown), and Unicode tag characters (U+E0000–U+E007F, which spell ASCII invisibly: "ASCII
 * smuggling").
 */
final class Invisible {
    private Invisible() {
    }

    /** Zero-width, BOM and bidirectional controls (one UTF-16 unit each). */
    static boolean isInvisible(char c) {
        return (c >= '\u200B' && c <= '\u200F') || (c >= '\u2060' && c <= '\u2064') || c == '\uFEFF'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    static boolean isBidi(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** Whether a tag character (a surrogate pair) starts or continues at {@code i}. */
    static boolean isTagAt(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
            int cp = Character.toCodePoint(c, text.charAt(i + 1));
            return cp >= 0xE0000 && cp <= 0xE007F;
        }
        if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
            int cp = Character.toCodePoint(text.charAt(i - 1), c);
            return cp >= 0xE0000 && cp <= 0xE007F;
        }
        return false;
    }
}
