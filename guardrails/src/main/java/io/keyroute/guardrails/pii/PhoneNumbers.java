package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.MatchCheck;
import io.keyroute.guardrails.PatternDetector;
import java.util.regex.Pattern;

/**
 * Phone numbers in three shapes: international ({@code +} and a country code, 8 to 15 digits in all, as
 * E.164 allows, separated or not); North American ({@code (555) 123-4567}, {@code 555-123-4567}, one kind of
 * separator); and national numbers with a trunk {@code 0} ({@code 020 7946 0958}, {@code 01 23 45 67 89}, 9 to
 * 11 digits, at least one space or dash). Plain digit runs, dates ({@code 2024-01-15}, {@code 05-11-2024}),
 * versions and times do not have these shapes.
 */
final class PhoneNumbers {
    private PhoneNumbers() {}

    private static final String INTERNATIONAL = "\\+[1-9](?:[ .-]?[0-9]|[ .-]?\\([0-9]{1,4}+\\)){6,16}+";
    private static final String NORTH_AMERICAN =
            "(?:1[ .-])?(?:\\([2-9][0-9]{2}\\) ?[2-9][0-9]{2}[ .-]|[2-9][0-9]{2}([ .-])[2-9][0-9]{2}\\1)[0-9]{4}";
    private static final String TRUNK = "0[1-9][0-9]{0,4}+(?:[ -][0-9]{2,8}+){1,4}+";
    // Never right after a word or a sign, nor (but for a "+", which no match holds inside) after a digit
    // and a separator: never inside another match. So a number right after another and one space is not
    // taken alone: it may be the same number's next group.
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\w+.-])(?:" + INTERNATIONAL + "|(?<![0-9][ ().-])(?:" + NORTH_AMERICAN + "|" + TRUNK + "))"
                    + "(?!\\w|[ .-][0-9])");
    // 2 look-behind, "+1" and 16 groups of at most 7 ("-(1234)"), 2 look-ahead; the other shapes are shorter.
    private static final int MAX_LENGTH = 2 + 2 + 16 * 7 + 2;

    static PatternDetector detector() {
        // Every shape has a digit first or right after its "+" or "(".
        return new PatternDetector("phone", "phone", CANDIDATE, MAX_LENGTH, 0.8, CHECK).withAnchor(Digits::isDigit, 1, Digits.wordOr("+.-"));
    }

    private static final MatchCheck CHECK = (text, start, end) -> {
        int digits = Digits.of(text, start, end).length();
        return switch (text.charAt(start)) {
            case '+' -> digits >= 8 && digits <= 15 ? end : -1;
            case '0' -> digits >= 9 && digits <= 11 ? end : -1;
            default -> end;
        };
    };
}
