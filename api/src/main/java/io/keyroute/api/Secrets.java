package io.keyroute.api;

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
     */
    private static final Pattern KEY_SHAPED = Pattern.compile(
            "(?i)(?<=bearer\\s{1,4})[A-Za-z0-9._~+/\\-]{8,}=*"
                    + "|(?<=(x-api-key|x-goog-api-key|api[_-]?key|token|secret|password)"
                    + "[\"']?\\s{0,2}[:=]\\s{0,2}[\"']?)"
                    + "[^\\s\"',&…]{8,}"
                    + "|\\b((sk|kr|rk|pk|xai)-|gsk_)[A-Za-z0-9_\\-]{12,}"
                    + "|\\bAIza[0-9A-Za-z_\\-]{20,}"
                    + "|(?<base64>(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2})"
                    + "|\\b[0-9a-fA-F]{40,}\\b");

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
        var matcher = KEY_SHAPED.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        do {
            String found = matcher.group();
            boolean identifier = matcher.group("base64") != null && IDENTIFIER.matcher(found).matches();
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(identifier ? found : mask(found)));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
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
