package io.keyroute.guardrails.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Credentials with a published shape: a fixed prefix and a body of known characters and length.
 * Each pattern is anchored at a token's start and every quantifier is bounded, so a match costs at
 * most a few hundred character reads whatever the text.
 */
final class KeyFamilies {
    record Family(String entityType, List<String> prefixes, Pattern pattern) {
    }

    /** Tried in order: the narrower shape first (DeepSeek's {@code sk-} + 32 hex before OpenAI's {@code sk-}). */
    private static final List<Family> FAMILIES = List.of(
            family(SecretTypes.ANTHROPIC_API_KEY, List.of("sk-ant-"), "sk-ant-[A-Za-z0-9_\\-]{20,300}"),
            family(SecretTypes.DEEPSEEK_API_KEY, List.of("sk-"), "sk-[0-9a-f]{32}"),
            family(SecretTypes.OPENAI_API_KEY, List.of("sk-"), "sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\\-]{20,300}"),
            family(SecretTypes.STRIPE_KEY, List.of("sk_", "rk_", "whsec_"), "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,100}"),
            family(SecretTypes.GOOGLE_API_KEY, List.of("AIza"), "AIza[0-9A-Za-z_\\-]{35}"),
            family(SecretTypes.AWS_ACCESS_KEY_ID,
                    List.of("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA"),
                    "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}(?<!EXAMPLE)"),
            family(SecretTypes.KEYROUTE_KEY, List.of("kr-"), "kr-(?:admin-)?[0-9A-Za-z]{43}"),
            family(SecretTypes.GITHUB_TOKEN, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    "gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255}"),
            family(SecretTypes.GITLAB_TOKEN, List.of("glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glsoat-",
                            "glffct-", "glimt-", "gloas-", "glagent-"),
                    "gl(?:pat|dt|rt|ptt|cbt|soat|ffct|imt|oas|agent)-[A-Za-z0-9_\\-]{20,300}"),
            family(SecretTypes.SLACK_TOKEN, List.of("xox", "xapp-"), "xox[abposr]-[A-Za-z0-9\\-]{10,250}|xapp-[0-9]-[A-Za-z0-9\\-]{10,250}"),
            family(SecretTypes.XAI_API_KEY, List.of("xai-"), "xai-[A-Za-z0-9]{20,200}"),
            family(SecretTypes.GROQ_API_KEY, List.of("gsk_"), "gsk_[A-Za-z0-9]{20,200}"));

    /** The first letters any family starts with: most tokens are dismissed on their first character. */
    private static final String FIRST_CHARS = "sArkgwx";
    /** The shortest key of any family ({@code xoxb-} and 10). */
    private static final int MIN_LENGTH = 15;

    private KeyFamilies() {
    }

    private static Family family(String entityType, List<String> prefixes, String regex) {
        return new Family(entityType, prefixes, Pattern.compile(regex));
    }

    /**
     * The family whose shape the text at {@code [start, end)} begins with, where the match is not
     * followed by more key characters; its end is {@code matchEnd[0]}. Null when none.
     */
    static Family match(CharSequence text, int start, int end, int[] matchEnd) {
        if (end - start < MIN_LENGTH || FIRST_CHARS.indexOf(text.charAt(start)) < 0) {
            return null;
        }
        for (Family family : FAMILIES) {
            if (!startsWithAny(text, start, family.prefixes)) {
                continue; // a word that merely starts with s or k costs no pattern
            }
            var m = family.pattern.matcher(text).region(start, end);
            if (m.lookingAt() && (m.end() == end || !Tokens.continuesKey(text.charAt(m.end())))) {
                matchEnd[0] = m.end();
                return family;
            }
        }
        return null;
    }

    private static boolean startsWithAny(CharSequence text, int start, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (text.length() - start >= prefix.length()
                    && text.subSequence(start, start + prefix.length()).toString().equals(prefix)) {
                return true;
            }
        }
        return false;
    }
}
