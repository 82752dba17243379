package io.keyroute.guardrails.pii;

/** The digits of a matched value, separators dropped; how it was separated. */
final class Digits {
    private Digits() {}

    static String of(CharSequence text, int start, int end) {
        StringBuilder digits = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** True when every non-digit in the span is the same character (or there is none): "4111 1111-1111" is not a card. */
    static boolean oneSeparator(CharSequence text, int start, int end) {
        char separator = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                if (separator != 0 && c != separator) {
                    return false;
                }
                separator = c;
            }
        }
        return true;
    }
}
