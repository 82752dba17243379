package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.MatchCheck;
import io.keyroute.guardrails.PatternDetector;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part of up to 64 characters, {@code @}, and a domain of two to six labels of up
 * to 63 characters whose last is alphabetic ({@code user@host} without a dot is not taken). Every quantifier
 * is possessive and bounded, so a hostile run costs one pass.
 */
final class EmailAddresses {
    private EmailAddresses() {}

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9._%+@-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){1,5}+"
                    + "(?![A-Za-z0-9@-]|\\.[A-Za-z0-9-])");
    private static final int MAX_LENGTH = 1 + 64 + 1 + 64 * 6 + 2;

    static PatternDetector detector() {
        // The @ ends a local part of at most 64 characters.
        return new PatternDetector("email", "email", CANDIDATE, MAX_LENGTH, 0.95, CHECK).withAnchor(c -> c == '@', 64, Digits.wordOr(".%+@-"));
    }

    private static final MatchCheck CHECK = (text, start, end) -> {
        String address = text.subSequence(start, end).toString();
        int at = address.indexOf('@');
        String local = address.substring(0, at);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return -1;
        }
        String[] labels = address.substring(at + 1).split("\\.");
        for (String label : labels) {
            if (label.startsWith("-") || label.endsWith("-")) {
                return -1;
            }
        }
        String topLevel = labels[labels.length - 1];
        return topLevel.length() >= 2 && topLevel.chars().allMatch(Character::isLetter) ? end : -1;
    };
}
