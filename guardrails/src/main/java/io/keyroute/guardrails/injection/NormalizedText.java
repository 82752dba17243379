package io.keyroute.guardrails.injection;

/**
 * A text folded the way attack phrasings are disguised, with each folded character's position in
 * the original: lower case, look-alike letters from Cyrillic and Greek read as Latin, digits
 * inside words read as the letters they stand for ({@code 1gn0re}), invisible characters dropped,
 * any run of white space one space (one line break if it holds one), and letters spelt out one by one ({@code i g n o r e},
 * {@code i.g.n.o.r.e}) joined.
 */
final class NormalizedText {
    private final char[] chars;
    private final int[] origin;
    private final int length;
    private final int originalLength;

    private NormalizedText(char[] chars, int[] origin, int length, int originalLength) {
        this.chars = chars;
        this.origin = origin;
        this.length = length;
        this.originalLength = originalLength;
    }

    static NormalizedText of(CharSequence text) {
        int n = text.length();
        char[] folded = new char[n];
        int[] from = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Invisible.isInvisible(c) || Character.isSurrogate(c) && Invisible.isTagAt(text, i)) {
                continue;
            }
            char f = Character.isWhitespace(c) ? (c == '\n' ? '\n' : ' ') : fold(c);
            folded[len] = f >= '0' && f <= '9' ? leet(text, i, f) : f;
            from[len++] = i;
        }
        return collapseSpaces(joinSpelledOut(folded, from, len), n);
    }

    /** Any run of white space becomes one character: a line break if it holds one, else a space. */
    private static NormalizedText collapseSpaces(NormalizedText spelled, int originalLength) {
        char[] chars = spelled.chars;
        int[] out = new int[spelled.length];
        char[] outChars = new char[spelled.length];
        int o = 0;
        for (int i = 0; i < spelled.length; i++) {
            char c = chars[i];
            boolean space = c == ' ' || c == '\n';
            if (space && o > 0 && (outChars[o - 1] == ' ' || outChars[o - 1] == '\n')) {
                if (c == '\n') {
                    outChars[o - 1] = '\n';
                }
                continue;
            }
            outChars[o] = c;
            out[o++] = spelled.origin[i];
        }
        return new NormalizedText(outChars, out, o, originalLength);
    }

    /** The folded text, to match. */
    String text() {
        return new String(chars, 0, length);
    }

    /** The original position of the folded range {@code [start, end)}: its first and one past its last character. */
    int originalStart(int start) {
        return start < length ? origin[start] : originalLength;
    }

    int originalEnd(int end) {
        return end == 0 ? 0 : origin[end - 1] + 1;
    }

    private static char fold(char c) {
        char lower = Character.toLowerCase(c);
        return switch (lower) {
            case 'а' -> 'a'; // Cyrillic
            case 'е' -> 'e';
            case 'о' -> 'o';
            case 'р' -> 'p';
            case 'с' -> 'c';
            case 'у' -> 'y';
            case 'х' -> 'x';
            case 'і' -> 'i';
            case 'ѕ' -> 's';
            case 'ο' -> 'o'; // Greek
            case 'ι' -> 'i';
            case 'α' -> 'a';
            case 'ν' -> 'v';
            case 'ｉ', 'ı' -> 'i';
            default -> lower;
        };
    }

    /** A digit with a letter on either side reads as the letter it resembles. */
    private static char leet(CharSequence text, int i, char digit) {
        boolean letterBefore = i > 0 && Character.isLetter(text.charAt(i - 1));
        boolean letterAfter = i + 1 < text.length() && Character.isLetter(text.charAt(i + 1));
        if (!letterBefore && !letterAfter) {
            return digit;
        }
        return switch (digit) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            default -> digit;
        };
    }

    /**
     * Joins runs of at least four single letters each followed by one separator: {@code i g n o r e}.
     * Two separators in a row end a run (the gap between spelt-out words).
     */
    private static NormalizedText joinSpelledOut(char[] chars, int[] origin, int len) {
        char[] out = new char[len];
        int[] outOrigin = new int[len];
        int o = 0;
        int i = 0;
        while (i < len) {
            int run = spelledRun(chars, len, i);
            if (run >= 4) {
                for (int k = 0; k < run; k++) {
                    out[o] = chars[i + 2 * k];
                    outOrigin[o++] = origin[i + 2 * k];
                }
                i += 2 * run - 1;
            } else {
                out[o] = chars[i];
                outOrigin[o++] = origin[i++];
            }
        }
        return new NormalizedText(out, outOrigin, o, len);
    }

    /** How many single letters separated by one space or dot start at {@code i} (0 unless a word starts there). */
    private static int spelledRun(char[] chars, int len, int i) {
        if (!Character.isLetter(chars[i]) || (i > 0 && Character.isLetter(chars[i - 1]))) {
            return 0;
        }
        int run = 0;
        int k = i;
        while (k < len && Character.isLetter(chars[k]) && (k + 1 == len || !Character.isLetter(chars[k + 1]))) {
            run++;
            if (k + 2 < len && isSpellingSeparator(chars[k + 1]) && Character.isLetter(chars[k + 2])) {
                k += 2;
            } else {
                break;
            }
        }
        return run;
    }

    private static boolean isSpellingSeparator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*';
    }
}
