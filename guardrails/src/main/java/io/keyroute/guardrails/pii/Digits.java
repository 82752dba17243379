package io.keyroute.guardrails.pii;

import java.util.function.IntPredicate;

/** The digits of a matched value, separators dropped; how it was separated. */
final class Digits {
    private Digits() {}

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetterOrDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** What {@code \w} matches: an ASCII letter or digit, or {@code _}. */
    static boolean isWord(int c) {
        return isLetterOrDigit(c) || c == '_';
    }

    /** A word character or one of {@code others}: what a look-behind forbids before a match. */
    static IntPredicate wordOr(String others) {
        return c -> isWord(c) || others.indexOf(c) >= 0;
    }

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
