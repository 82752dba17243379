package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.MatchCheck;
import io.keyroute.guardrails.PatternDetector;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * National identifiers with a strict format: the US Social Security number (area 001–899 but not 666,
 * group 01–99, serial 0001–9999, written with dashes or spaces, never the advertised 078-05-1120 or
 * 219-09-9999), and the UK National Insurance number (two prefix letters from the allowed sets, not a
 * reserved pair, six digits, a suffix A–D).
 */
final class NationalIds {
    private NationalIds() {}

    private static final Pattern SSN = Pattern.compile(
            "(?<![\\w.+-])(?<![0-9][ ])(?!000|666|9)[0-9]{3}([- ])(?!00)[0-9]{2}\\1(?!0000)[0-9]{4}(?!\\w|[.-][0-9])");
    private static final int SSN_MAX_LENGTH = 2 + 11 + 2;
    private static final Set<String> ADVERTISED_SSNS = Set.of("078051120", "219099999");

    private static final Pattern NINO = Pattern.compile(
            "(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                    + "( ?)[0-9]{2}\\1[0-9]{2}\\1[0-9]{2}\\1[A-D](?![A-Za-z0-9])");
    private static final int NINO_MAX_LENGTH = 1 + 13 + 1;

    static PatternDetector ssn() {
        MatchCheck notAdvertised = (text, start, end) ->
                ADVERTISED_SSNS.contains(Digits.of(text, start, end)) ? -1 : end;
        return new PatternDetector("ssn", "ssn", SSN, SSN_MAX_LENGTH, 0.85, notAdvertised).withAnchor(Digits::isDigit, 0, Digits.wordOr(".+-"));
    }

    static PatternDetector ukNino() {
        // Two letters and maybe a space before the digits.
        return new PatternDetector("uk_nino", "uk_nino", NINO, NINO_MAX_LENGTH, 0.9, MatchCheck.ANY).withAnchor(Digits::isDigit, 3, Digits::isLetterOrDigit);
    }
}
