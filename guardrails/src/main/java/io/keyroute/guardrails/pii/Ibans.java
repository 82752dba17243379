package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.MatchCheck;
import io.keyroute.guardrails.PatternDetector;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * International bank account numbers (ISO 13616): a country code, two check digits and the account
 * (BBAN), written whole or in groups of four; the country's length and the mod-97 checksum must hold.
 * The pattern may take a following group of four ("… 7034 2024"): the check keeps the country's length.
 */
final class Ibans {
    private Ibans() {}

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,8}+(?: ?[A-Z0-9]{1,3}+)?(?![A-Za-z0-9])");
    // 34 characters (the longest IBAN) plus up to 8 spaces and a group of four more, and 2 look-around.
    private static final int MAX_LENGTH = 2 + 4 + 8 * 5 + 4 + 2;

    /** IBAN length by country (SWIFT IBAN registry). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    static PatternDetector detector() {
        // The check digits follow the two-letter country.
        return new PatternDetector("iban", "iban", CANDIDATE, MAX_LENGTH, 1.0, CHECK).withAnchor(Digits::isDigit, 2, Digits::isLetterOrDigit);
    }

    private static final MatchCheck CHECK = (text, start, end) -> {
        Integer length = LENGTHS.get(text.subSequence(start, start + 2).toString());
        if (length == null) {
            return -1;
        }
        StringBuilder iban = new StringBuilder(length);
        int position = start;
        while (position < end && iban.length() < length) {
            char c = text.charAt(position++);
            if (c != ' ') {
                iban.append(c);
            }
        }
        boolean groupBoundary = position == end || text.charAt(position) == ' ';
        return iban.length() == length && groupBoundary && mod97(iban) == 1 ? position : -1;
    };

    /** The account rearranged (country and check digits moved to the end, letters as 10–35) modulo 97. */
    static int mod97(CharSequence iban) {
        int remainder = 0;
        for (int i = 0; i < iban.length(); i++) {
            char c = iban.charAt((i + 4) % iban.length());
            int value = c <= '9' ? c - '0' : c - 'A' + 10;
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
        }
        return remainder;
    }
}
