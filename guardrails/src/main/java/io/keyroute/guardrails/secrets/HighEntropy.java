package io.keyroute.guardrails.secrets;

/**
 * A token that looks randomly drawn: long enough, letters mixed with digits, the character class
 * changing often (random base62 changes it at about 6 characters in 10; a CamelCase or snake_case
 * name at 3 in 10) and a high Shannon entropy for its length. Left alone, though random: hashes
 * (only hex digits: git SHAs, SHA-256 digests, UUIDs), paths and URLs (slashes, dots), names of
 * short parts ({@code gpt-4o-mini-2024-07-18}: a dash or underscore every 8 characters or more), and the
 * base64 payload of a {@code data:} URI (an image is no secret; past {@link #MAX_LENGTH} any run
 * is data, not a credential).
 */
final class HighEntropy {
    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 256;
    /** Shannon entropy per character at least this fraction of the most its length allows. */
    private static final double MIN_ENTROPY_RATIO = 0.80;
    private static final double MIN_CLASS_CHANGES = 0.40;
    private static final String DATA_URI_MARK = "base64,";

    private HighEntropy() {
    }

    static boolean isRandom(CharSequence text, int start, int end) {
        int length = end - start;
        if (length < MIN_LENGTH || length > MAX_LENGTH || followsDataUri(text, start)) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        int hex = 0;
        int slashes = 0;
        int separators = 0;
        int changes = 0;
        int previousClass = -1;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '~') {
                return false;
            }
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digits += digit ? 1 : 0;
            letters += letter ? 1 : 0;
            hex += digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-' ? 1 : 0;
            slashes += c == '/' ? 1 : 0;
            separators += c == '-' || c == '_' ? 1 : 0;
            int charClass = digit ? 0 : (c >= 'a' && c <= 'z') ? 1 : (c >= 'A' && c <= 'Z') ? 2 : 3;
            changes += previousClass >= 0 && charClass != previousClass ? 1 : 0;
            previousClass = charClass;
        }
        if (digits == 0 || letters == 0 || hex == length || slashes * 16 > length
                || separators * 8 > length) {
            return false;
        }
        return changes >= MIN_CLASS_CHANGES * (length - 1)
                && shannon(text, start, end) >= MIN_ENTROPY_RATIO * log2(Math.min(length, 64));
    }

    /** Bits per character of the text's own character frequencies. */
    static double shannon(CharSequence text, int start, int end) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double length = end - start;
        double bits = other == 0 ? 0 : -(other / length) * log2(other / length);
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                bits -= p * log2(p);
            }
        }
        return bits;
    }

    private static boolean followsDataUri(CharSequence text, int start) {
        int at = start - DATA_URI_MARK.length();
        return at >= 0 && text.subSequence(at, start).toString().equals(DATA_URI_MARK);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
