package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.MatchCheck;
import io.keyroute.guardrails.PatternDetector;
import java.util.regex.Pattern;

/**
 * IP addresses. IPv4: four decimal octets 0–255 without leading zeros, not part of a longer dotted
 * number ({@code 10.0.19041.1} is a version). IPv6: hexadecimal groups and colons, read by hand: eight
 * groups, or fewer with one {@code ::}, optionally ending in an IPv4 address; a compressed form needs a
 * digit somewhere, so {@code std::map} or {@code Foo::Bar} are not taken, nor times or MAC addresses.
 */
final class IpAddresses {
    private IpAddresses() {}

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern V4 = Pattern.compile(
            "(?<![\\w.:])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\w|\\.[0-9])");
    private static final int V4_MAX_LENGTH = 1 + 15 + 2;

    private static final Pattern V6_CANDIDATE = Pattern.compile(
            "(?<![\\w:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}+(?![\\w:])");
    private static final int V6_MAX_LENGTH = 1 + 45 + 1;

    static PatternDetector v4() {
        return new PatternDetector("ipv4", "ip_address", V4, V4_MAX_LENGTH, 0.8, MatchCheck.ANY).withAnchor(Digits::isDigit, 0, Digits.wordOr(".:"));
    }

    static PatternDetector v6() {
        // A group has at most four digits, so a colon comes within the first five characters.
        return new PatternDetector("ipv6", "ip_address", V6_CANDIDATE, V6_MAX_LENGTH, 0.8, IpAddresses::v6End)
                .withAnchor(c -> c == ':', 4, Digits.wordOr(":."));
    }

    /** A sentence's full stop after the address is not part of it. */
    private static int v6End(CharSequence text, int start, int end) {
        int trimmed = text.charAt(end - 1) == '.' ? end - 1 : end;
        return isV6(text.subSequence(start, trimmed).toString()) ? trimmed : -1;
    }

    static boolean isV6(String candidate) {
        int compressed = candidate.indexOf("::");
        if (compressed != candidate.lastIndexOf("::") || candidate.contains(":::")) {
            return false;
        }
        int groups = 0;
        String[] parts = candidate.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue; // the "::" (or its ends), checked above
            }
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (!V4.matcher(part).matches()) {
                    return false;
                }
                groups += 2;
            } else if (part.length() > 4 || part.indexOf('.') >= 0) {
                return false;
            } else {
                groups++;
            }
        }
        if (compressed < 0) {
            return groups == 8 && !candidate.startsWith(":") && !candidate.endsWith(":");
        }
        boolean edgesValid = (!candidate.startsWith(":") || candidate.startsWith("::"))
                && (!candidate.endsWith(":") || candidate.endsWith("::"));
        return edgesValid && groups <= 7 && candidate.chars().anyMatch(Character::isDigit);
    }
}
