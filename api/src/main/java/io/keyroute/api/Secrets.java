package io.keyroute.api;

import java.util.regex.Pattern;

/**
 * Recognises and masks anything shaped like a key. This is the second line of defence (the first
 * is {@link Secret}): upstream error bodies and log lines pass through {@link #scrub(String)}.
 */
public final class Secrets {
    /**
     * Provider keys (OpenAI {@code sk-}, Anthropic {@code sk-ant-}, Google {@code AIza}), Keyroute
     * keys ({@code kr-}), bearer and x-api-key header values, and long base64/hex runs such as a
     * master key.
     */
    private static final Pattern KEY_SHAPED = Pattern.compile(
            "(?i)(?<=bearer\\s)[^\\s\"',]{8,}"
                    + "|(?i)(?<=(x-api-key|x-goog-api-key|api[_-]?key)[\"']?\\s?[:=]\\s?[\"']?)[^\\s\"',&]{8,}"
                    + "|\\b(sk|kr|rk|pk)-[A-Za-z0-9_\\-]{12,}"
                    + "|\\bAIza[0-9A-Za-z_\\-]{20,}"
                    + "|\\b[A-Za-z0-9+/]{40,}={0,2}"
                    + "|\\b[0-9a-fA-F]{40,}\\b");

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
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(mask(matcher.group())));
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
        return prefix + "…" + value.substring(value.length() - 4);
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
