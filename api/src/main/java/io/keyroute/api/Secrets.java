package io.keyroute.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and masks anything shaped like a key. This is the second line of defence (the first
 * is {@link Secret}): upstream error bodies and log lines pass through {@link #scrub(String)}.
 */
public final class Secrets {
    /**
     * Provider keys (OpenAI {@code sk-}, Anthropic {@code sk-ant-}, Google {@code AIza}, xAI
     * {@code xai-}, Groq {@code gsk_}), Keyroute keys ({@code kr-}), bearer credentials,
     * values of key-, token-, secret- and password-named fields and headers, and long base64/hex
     * runs such as a master key. Header/field values stop at {@code …} so that an already masked
     * form ({@code sk-…wxyz}) is left alone: scrubbing is idempotent.
     *
     * <p>One forward pass: the header or field name before a value is matched, not looked behind
     * for (a look-behind is tried again at every position of the text, which made this search
     * cost tens of microseconds per log value); the named group holds the part to mask.
     */
    private static final Pattern KEY_SHAPED = Pattern.compile(
            "(?i)bearer\\s{1,4}(?<bearer>[A-Za-z0-9._~+/\\-]{8,}=*)"
                    + "|(?:x-api-key|x-goog-api-key|api[_-]?key|token|secret|password)"
                    + "[\"']?\\s{0,2}[:=]\\s{0,2}[\"']?"
                    + "(?<field>[^\\s\"',&…]{8,})"
                    + "|(?<key>\\b(?:(?:sk|kr|rk|pk|xai)-|gsk_)[A-Za-z0-9_\\-]{12,}"
                    + "|\\bAIza[0-9A-Za-z_\\-]{20,})"
                    + "|(?<base64>(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2})"
                    + "|(?<hex>\\b[0-9a-fA-F]{40,}\\b)");
    private static final String[] SECRET_GROUPS = {"bearer", "field", "key", "base64", "hex"};
    private static final int LONG_RUN = 40;

    /**
     * A long CamelCase name ({@code SameThreadHierarchicalTestExecutorService} in a stack frame):
     * letters only, with humps but never two capitals in a row. A random base64 key of 40+ chars
     * looks like this with a chance of about 2 in 10^8, so such runs are left readable.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z]*([A-Z][a-z]+)+[A-Z]?");

    private static final int MIN_HIDDEN = 8;

    private Secrets() {
    }

    /** Every key-shaped run in {@code text} replaced by its mask. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (!mayHoldKey(text)) {
            return text;
        }
        var matcher = KEY_SHAPED.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        int copied = 0;
        do {
            String group = secretGroup(matcher);
            String found = matcher.group(group);
            boolean identifier = group.equals("base64") && IDENTIFIER.matcher(found).matches();
            out.append(text, copied, matcher.start(group)).append(identifier ? found : mask(found));
            copied = matcher.end(group);
        } while (matcher.find());
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Whether {@link #KEY_SHAPED} can match at all, in one pass with no allocation: the search
     * itself tries every alternative at every position (about 100 ns a character), and most log
     * values (times, ids, words) hold no cue.
     */
    private static boolean mayHoldKey(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = isBase64(c) ? run + 1 : 0;
            if (run >= LONG_RUN || cueAt(text, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an alternative of {@link #KEY_SHAPED} other than the long runs can start near
     * {@code at}: a key family's prefix, {@code bearer} and a space, or a credential field's name
     * and its {@code :} or {@code =}.
     */
    private static boolean cueAt(String text, int at) {
        return switch (Character.toLowerCase(text.charAt(at))) {
            case 's' -> starts(text, at, "sk-") || field(text, at, "secret");
            case 'k' -> starts(text, at, "kr-") || field(text, at, "key");
            case 'r' -> starts(text, at, "rk-");
            case 'p' -> starts(text, at, "pk-") || field(text, at, "password");
            case 'x' -> starts(text, at, "xai-");
            case 'g' -> starts(text, at, "gsk_");
            case 'a' -> starts(text, at, "aiza");
            case 't' -> field(text, at, "token");
            case 'b' -> starts(text, at, "bearer") && at + 6 < text.length() && Character.isWhitespace(text.charAt(at + 6));
            default -> false;
        };
    }

    private static boolean starts(String text, int at, String cue) {
        return text.regionMatches(true, at, cue, 0, cue.length());
    }

    /** A credential field's name followed by what {@link #KEY_SHAPED} wants before its value. */
    private static boolean field(String text, int at, String name) {
        return starts(text, at, name) && assignmentAt(text, at + name.length());
    }

    /** {@code ["']?\s{0,2}[:=]} at {@code at}, as after a field's name in {@link #KEY_SHAPED}. */
    private static boolean assignmentAt(String text, int at) {
        int i = at;
        if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        }
        for (int spaces = 0; spaces < 2 && i < text.length() && Character.isWhitespace(text.charAt(i)); spaces++) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == ':' || text.charAt(i) == '=');
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static String secretGroup(Matcher matcher) {
        for (String group : SECRET_GROUPS) {
            if (matcher.start(group) >= 0) {
                return group;
            }
        }
        throw new IllegalStateException("every alternative of KEY_SHAPED has a secret group");
    }

    /**
     * {@code prefix…last4}: the prefix is the key's family ({@code sk-}, {@code sk-ant-},
     * {@code kr-}, {@code AIza}) so a person can tell keys apart without seeing them.
     */
    public static String mask(String value) {
        if (value.length() < 12) {
            return "…";
        }
        String prefix = familyPrefix(value);
        // A short value that is mostly prefix would be nearly shown whole: keep 8 characters hidden.
        int rest = value.length() - prefix.length();
        if (rest >= 4 + MIN_HIDDEN) {
            return prefix + "…" + value.substring(value.length() - 4);
        }
        return rest >= MIN_HIDDEN ? prefix + "…" : "…";
    }

    private static String familyPrefix(String value) {
        if (value.startsWith("sk-ant-")) {
            return "sk-ant-";
        }
        if (value.startsWith("AIza")) {
            return "AIza";
        }
        int dash = value.indexOf('-');
        if (dash > 0 && dash <= 3) {
            return value.substring(0, dash + 1);
        }
        return "";
    }
}
