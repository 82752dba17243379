package io.keyroute.guardrails.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Credentials with a published shape: a fixed prefix and a body of known characters and length.
 * Each pattern is anchored at a token's start and every quantifier is bounded, so a match costs at
 * most a few hundred character reads whatever the text.
 */
final class KeyFamilies {
    record Family(String entityType, Pattern pattern) {
    }

    /** Tried in order: the narrower shape first (DeepSeek's {@code sk-} + 32 hex before OpenAI's {@code sk-}). */
    private static final List<Family> FAMILIES = List.of(
            family(SecretTypes.ANTHROPIC_API_KEY, "sk-ant-[A-Za-z0-9_\\-]{20,300}"),
            family(SecretTypes.DEEPSEEK_API_KEY, "sk-[0-9a-f]{32}"),
            family(SecretTypes.OPENAI_API_KEY, "sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\\-]{20,300}"),
            family(SecretTypes.STRIPE_KEY, "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,100}"),
            family(SecretTypes.GOOGLE_API_KEY, "AIza[0-9A-Za-z_\\-]{35}"),
            family(SecretTypes.AWS_ACCESS_KEY_ID,
                    "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}(?<!EXAMPLE)"),
            family(SecretTypes.KEYROUTE_KEY, "kr-(?:admin-)?[0-9A-Za-z]{43}"),
            family(SecretTypes.GITHUB_TOKEN, "gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255}"),
            family(SecretTypes.GITLAB_TOKEN,
                    "gl(?:pat|dt|rt|ptt|cbt|soat|ffct|imt|oas|agent)-[A-Za-z0-9_\\-]{20,300}"),
            family(SecretTypes.SLACK_TOKEN, "xox[abposr]-[A-Za-z0-9\\-]{10,250}|xapp-[0-9]-[A-Za-z0-9\\-]{10,250}"),
            family(SecretTypes.XAI_API_KEY, "xai-[A-Za-z0-9]{20,200}"),
            family(SecretTypes.GROQ_API_KEY, "gsk_[A-Za-z0-9]{20,200}"));

    /** The first letters any family starts with: most tokens are dismissed on their first character. */
    private static final String FIRST_CHARS = "sArkgwx";

    private KeyFamilies() {
    }

    private static Family family(String entityType, String regex) {
        return new Family(entityType, Pattern.compile(regex));
    }

    /**
     * The family whose shape the text at {@code [start, end)} begins with, where the match is not
     * followed by more key characters; its end is {@code matchEnd[0]}. Null when none.
     */
    static Family match(CharSequence text, int start, int end, int[] matchEnd) {
        if (FIRST_CHARS.indexOf(text.charAt(start)) < 0) {
            return null;
        }
        for (Family family : FAMILIES) {
            var m = family.pattern.matcher(text).region(start, end);
            if (m.lookingAt() && (m.end() == end || !Tokens.continuesKey(text.charAt(m.end())))) {
                matchEnd[0] = m.end();
                return family;
            }
        }
        return null;
    }
}
