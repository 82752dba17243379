package io.keyroute.guardrails.denylist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Words and phrases found as whole words, ignoring case: {@code falcon} finds "Falcon," but not
 * "falconry"; {@code project falcon} finds "Project  Falcon" across any run of spaces or
 * punctuation between its words. One pass over the text's words with a map from a phrase's first
 * word, so the cost does not grow with the list.
 */
final class WordSet {
    static final int MAX_PHRASE_WORDS = 8;
    static final int MAX_WORD = 64;
    /** Between two words of a phrase: at most this many spaces or punctuation characters. */
    private static final int MAX_GAP = 3;

    private final Map<String, List<String[]>> byFirstWord = new HashMap<>();
    private final int longestPhrase;

    /** {@code phrases}: each one or more words; {@code what} names the list in error messages. */
    WordSet(List<String> phrases, String what) {
        int longest = 0;
        for (int i = 0; i < phrases.size(); i++) {
            String phrase = phrases.get(i);
            String[] words = words(phrase);
            if (words.length == 0 || words.length > MAX_PHRASE_WORDS) {
                throw new IllegalArgumentException(what + "[" + i + "] must have 1 to " + MAX_PHRASE_WORDS
                        + " words of letters or digits");
            }
            for (String word : words) {
                if (word.length() > MAX_WORD) {
                    throw new IllegalArgumentException(what + "[" + i + "] has a word longer than " + MAX_WORD + " characters");
                }
            }
            byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
            longest = Math.max(longest, phrase.length() + words.length * MAX_GAP);
        }
        this.longestPhrase = longest;
    }

    boolean isEmpty() {
        return byFirstWord.isEmpty();
    }

    /** The most characters a match spans. */
    int longestMatch() {
        return longestPhrase;
    }

    /** Each match starting at or after {@code from}, as {@code [start, end)} pairs, in order, not overlapping. */
    List<int[]> find(CharSequence text, int from) {
        List<int[]> found = null;
        int i = from;
        if (i > 0 && isWordChar(text.charAt(i - 1))) {
            i = wordEnd(text, i);
        }
        int n = text.length();
        while (i < n) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            int matchEnd = end - i <= MAX_WORD ? longestMatchAt(text, i, end) : -1;
            if (matchEnd > 0) {
                found = found == null ? new ArrayList<>(2) : found;
                found.add(new int[] {i, matchEnd});
                i = matchEnd;
            } else {
                i = end;
            }
        }
        return found == null ? List.of() : found;
    }

    /** The end of the longest phrase starting with the word {@code [start, end)}, or -1. */
    private int longestMatchAt(CharSequence text, int start, int end) {
        List<String[]> candidates = byFirstWord.get(lower(text, start, end));
        if (candidates == null) {
            return -1;
        }
        int best = -1;
        for (String[] phrase : candidates) {
            int matchEnd = phraseEnd(text, end, phrase);
            best = Math.max(best, matchEnd);
        }
        return best;
    }

    /** Where {@code phrase}, whose first word ended at {@code firstEnd}, ends; -1 when the text goes on differently. */
    private static int phraseEnd(CharSequence text, int firstEnd, String[] phrase) {
        int at = firstEnd;
        for (int w = 1; w < phrase.length; w++) {
            int next = at;
            while (next < text.length() && next - at <= MAX_GAP && !isWordChar(text.charAt(next))) {
                next++;
            }
            if (next == at || next - at > MAX_GAP || next >= text.length()) {
                return -1;
            }
            int wordEnd = wordEnd(text, next);
            if (!lower(text, next, wordEnd).equals(phrase[w])) {
                return -1;
            }
            at = wordEnd;
        }
        return at;
    }

    static String[] words(String phrase) {
        var words = new ArrayList<String>();
        int i = 0;
        while (i < phrase.length()) {
            if (isWordChar(phrase.charAt(i))) {
                int end = wordEnd(phrase, i);
                words.add(lower(phrase, i, end));
                i = end;
            } else {
                i++;
            }
        }
        return words.toArray(String[]::new);
    }

    private static int wordEnd(CharSequence text, int start) {
        int i = start;
        while (i < text.length() && isWordChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static String lower(CharSequence text, int start, int end) {
        return text.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
    }
}
