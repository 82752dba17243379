package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.MatchCheck;
import io.keyroute.guardrails.PatternDetector;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, grouped by spaces or dashes (one kind), a known issuer prefix
 * (IIN) with a length that issuer uses, and a valid Luhn check digit. A digit run of 20 or more is not a
 * card (an order number, a timestamp), nor is one inside a longer number.
 */
final class PaymentCards {
    private PaymentCards() {}

    // Cannot start right after a digit, or after a digit and a separator: never inside another match.
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\w.+-])(?<![0-9][ -])[0-9](?:[ -]?[0-9]){12,18}+(?![ -]?[0-9]|\\w)");
    // 1 look-behind pair, 19 digits and 18 separators, 2 look-ahead.
    private static final int MAX_LENGTH = 2 + 37 + 2;

    static PatternDetector detector() {
        return new PatternDetector("credit_card", "credit_card", CANDIDATE, MAX_LENGTH, 0.95, CHECK).withAnchor(Digits::isDigit, 0, Digits.wordOr(".+-"));
    }

    private static final MatchCheck CHECK = (text, start, end) -> {
        if (!Digits.oneSeparator(text, start, end)) {
            return -1;
        }
        String digits = Digits.of(text, start, end);
        return knownIssuerLength(digits) && Luhn.valid(digits) ? end : -1;
    };

    static boolean knownIssuerLength(String digits) {
        int length = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int three = Integer.parseInt(digits.substring(0, 3));
        int four = Integer.parseInt(digits.substring(0, 4));
        int six = Integer.parseInt(digits.substring(0, 6));
        if (digits.charAt(0) == '4') {
            return length == 13 || length == 16 || length == 19; // Visa
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16; // Mastercard
        }
        if (two == 34 || two == 37) {
            return length == 15; // American Express
        }
        if (two == 36 || two == 38 || two == 39 || (three >= 300 && three <= 305)) {
            return length >= 14 && length <= 19; // Diners Club
        }
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649) || (six >= 622126 && six <= 622925)) {
            return length >= 16 && length <= 19; // Discover
        }
        if (four >= 3528 && four <= 3589) {
            return length >= 16 && length <= 19; // JCB
        }
        if (two == 62) {
            return length >= 16 && length <= 19; // UnionPay
        }
        if (two == 50 || (two >= 56 && two <= 69)) {
            return length >= 13 && length <= 19; // Maestro
        }
        return false;
    }
}
