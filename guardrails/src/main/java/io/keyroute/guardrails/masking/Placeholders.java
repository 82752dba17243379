package io.keyroute.guardrails.masking;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;
import io.keyroute.guardrails.PatternDetector;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The placeholders masked values become: {@code <EMAIL_1>}, {@code <CREDIT_CARD_2>}: the entity type in
 * capitals, and the value's number within its type in the request. Bounded in length, so a stream
 * restorer knows how far back a placeholder can start.
 */
public final class Placeholders {
    private Placeholders() {}

    static final int MAX_TYPE_LENGTH = 40;
    static final int MAX_NUMBER_DIGITS = 9;
    /** {@code <}, the type, {@code _}, the number, {@code >}. */
    public static final int MAX_LENGTH = 1 + MAX_TYPE_LENGTH + 1 + MAX_NUMBER_DIGITS + 1;

    /** The entity type of text that merely looks like a placeholder, masked so restoring cannot mistake it. */
    public static final String LOOKALIKE = "placeholder";

    private static final Pattern SHAPE = Pattern.compile("<[A-Z0-9_]{3," + (MAX_LENGTH - 2) + "}+>");

    /**
     * Finds text of a placeholder's shape ({@code <WORD_12>}) already in what is masked. Masking it too
     * keeps a request that quotes {@code <EMAIL_1>} from getting the first e-mail address back in its place.
     */
    static Detector lookalikes() {
        return new PatternDetector(LOOKALIKE, LOOKALIKE, SHAPE, MAX_LENGTH, 1.0,
                (text, start, end) -> numbered(text.subSequence(start + 1, end - 1).toString()) ? end : -1)
                .withAnchor(c -> c == '<', 0, c -> false);
    }

    /** {@code WORD_12}: a name, an underscore, a number of at most nine digits. */
    private static boolean numbered(String inner) {
        int underscore = inner.lastIndexOf('_');
        int digits = inner.length() - underscore - 1;
        return underscore >= 1 && digits >= 1 && digits <= MAX_NUMBER_DIGITS
                && inner.substring(underscore + 1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A finding that is not sensitive itself, only masked to keep the masking reversible. */
    public static boolean isLookalike(Finding finding) {
        return LOOKALIKE.equals(finding.entityType());
    }

    /** {@code credit_card} → {@code CREDIT_CARD}; anything but letters and digits becomes {@code _}. */
    static String typeName(String entityType) {
        if (entityType.isEmpty() || entityType.length() > MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException("an entity type has 1 to " + MAX_TYPE_LENGTH + " characters");
        }
        StringBuilder name = new StringBuilder(entityType.length());
        for (char c : entityType.toUpperCase(Locale.ROOT).toCharArray()) {
            name.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return name.toString();
    }

    /**
     * Where the placeholder-like token at {@code open} (a {@code <}) ends, exclusive: after its {@code >}
     * when that comes within {@link #MAX_LENGTH}; otherwise -1.
     */
    public static int tokenEnd(CharSequence text, int open) {
        int limit = Math.min(text.length(), open + MAX_LENGTH);
        for (int i = open + 1; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '>') {
                return i + 1;
            }
            if (c == '<') {
                return -1;
            }
        }
        return -1;
    }
}
