package io.keyroute.guardrails.secrets;

/**
 * The runs of text a credential is made of: letters, digits and {@code _ - + / . ~}. A token starts
 * where the character before it is none of these, so where a token starts is decided by one
 * character of context, which keeps the detector's findings local.
 */
final class Tokens {
    /** Longer runs are data (an image, a blob) or are read only this far: no credential is longer. */
    static final int MAX_LENGTH = 2048;

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "_-+/.~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private Tokens() {
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    /** Where the token starting at {@code start} ends, reading at most {@link #MAX_LENGTH} characters. */
    static int end(CharSequence text, int start) {
        int limit = Math.min(text.length(), start + MAX_LENGTH);
        int i = start;
        while (i < limit && isTokenChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code end} moved back over a sentence's closing dots: {@code "my key is sk-…."}. */
    static int withoutTrailingDots(CharSequence text, int start, int end) {
        int e = end;
        while (e > start && text.charAt(e - 1) == '.') {
            e--;
        }
        return e;
    }

    /** Past the slashes a token starts with: a URL's {@code //} before {@code ghp_…@github.com}. */
    static int afterSlashes(CharSequence text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) == '/') {
            i++;
        }
        return i;
    }

    /** Whether {@code c} may continue a key's body, so a match that stops before it is only a prefix. */
    static boolean continuesKey(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
