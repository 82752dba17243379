package io.keyroute.guardrails.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A value given to a secret-named field: {@code DB_PASSWORD=hunter2x} in a pasted {@code .env},
 * {@code aws_secret_access_key = …} in a credentials file, {@code "auth_token": "…"} in JSON,
 * {@code AccountKey=…;} in an Azure connection string, {@code Authorization: Bearer …}. The name is
 * split into words ({@code OPENAI_API_KEY}, {@code apiKey}, {@code api-key} alike) so
 * {@code max_tokens: 4096} and {@code tokenizer: cl100k_base} are not taken for secrets.
 */
final class Assignments {
    /** Names longer than this are not field names; with the operator, the context read before a value. */
    static final int MAX_NAME = 64;
    static final int LOOK_BEHIND = MAX_NAME + 8;
    private static final int MIN_VALUE = 8;
    private static final int MAX_VALUE = 256;

    private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase");
    private static final Set<String> SECRET_WORDS = Set.of("secret", "token", "apikey", "credential", "credentials",
            "auth", "authorization", "accountkey", "sharedaccesskey", "sas", "signature", "bearer");
    /** {@code key} alone is too common a field ({@code key: name}); these words before it make it a credential. */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "private", "account", "signing",
            "encryption", "master", "client", "shared", "service", "license", "auth", "app");
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "password", "secret", "example", "placeholder",
            "redacted", "undefined", "null", "none", "true", "false", "required", "optional", "string");

    /** A found value: its span and entity type. */
    record Value(int start, int end, String entityType) {
    }

    private Assignments() {
    }

    /**
     * The value assigned to the name token {@code [nameStart, nameEnd)}, when the name marks a secret
     * and an operator ({@code =}, {@code :}) follows it; else null.
     */
    static Value after(CharSequence text, int nameStart, int nameEnd) {
        if (nameEnd - nameStart > MAX_NAME) {
            return null;
        }
        int valueStart = valueStart(text, nameEnd);
        if (valueStart < 0) {
            return null;
        }
        String type = typeOf(words(text, nameStart, nameEnd));
        if (type == null) {
            return null;
        }
        valueStart = afterScheme(text, valueStart);
        int valueEnd = valueEnd(text, valueStart);
        if (valueEnd < 0 || !plausible(text, valueStart, valueEnd)) {
            return null;
        }
        return new Value(valueStart, valueEnd, type);
    }

    /** Skips a closing quote, up to two spaces, {@code =} or {@code :}, up to two spaces and an opening quote. */
    private static int valueStart(CharSequence text, int nameEnd) {
        int i = nameEnd;
        int n = text.length();
        if (i < n && isQuote(text.charAt(i))) {
            i++;
        }
        i = skipSpaces(text, i);
        if (i >= n || (text.charAt(i) != '=' && text.charAt(i) != ':')) {
            return -1;
        }
        i++;
        if (i < n && text.charAt(i) == '=') {
            i++; // := and ==
        }
        i = skipSpaces(text, i);
        if (i < n && isQuote(text.charAt(i))) {
            i++;
        }
        return i < n ? i : -1;
    }

    /** {@code Bearer abc…}, {@code Basic abc…}: the credential is the word after the scheme. */
    private static int afterScheme(CharSequence text, int start) {
        for (String scheme : new String[] {"Bearer ", "Basic ", "Token "}) {
            if (start + scheme.length() < text.length()
                    && text.subSequence(start, start + scheme.length()).toString().equalsIgnoreCase(scheme)) {
                return start + scheme.length();
            }
        }
        return start;
    }

    private static int skipSpaces(CharSequence text, int from) {
        int i = from;
        for (int k = 0; k < 2 && i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t'); k++) {
            i++;
        }
        return i;
    }

    /** Up to white space, a quote, {@code ,} or {@code ;}; -1 when longer than a credential is. */
    private static int valueEnd(CharSequence text, int start) {
        int limit = Math.min(text.length(), start + MAX_VALUE + 1);
        int i = start;
        while (i < limit) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || isQuote(c) || c == ',' || c == ';') {
                return i;
            }
            i++;
        }
        return i == text.length() ? i : -1;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** Not a placeholder ({@code <your key>}, {@code ${TOKEN}}, {@code xxxx}), a plain word or a number. */
    private static boolean plausible(CharSequence text, int start, int end) {
        if (end - start < MIN_VALUE) {
            return false;
        }
        String value = text.subSequence(start, end).toString();
        char first = value.charAt(0);
        if (first == '<' || first == '$' || first == '{' || first == '%' || first == '*' || first == '[') {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(lower) || lower.contains("xxxx") || lower.contains("****") || lower.contains("…")
                || lower.startsWith("your") || lower.startsWith("http")) {
            return false;
        }
        boolean allLetters = lower.chars().allMatch(c -> c >= 'a' && c <= 'z');
        boolean allDigits = lower.chars().allMatch(c -> c >= '0' && c <= '9');
        return !allLetters && !allDigits;
    }

    /** The entity type a field name marks, or null when it marks no secret. */
    private static String typeOf(List<String> words) {
        boolean aws = words.contains("aws");
        String previous = "";
        String type = null;
        for (String word : words) {
            if (PASSWORD_WORDS.contains(word)) {
                return SecretTypes.PASSWORD;
            }
            if (word.equals("accountkey") || word.equals("sharedaccesskey")
                    || (word.equals("key") && (previous.equals("account") || previous.equals("access") && words.contains("shared")))) {
                type = type == null ? SecretTypes.AZURE_CONNECTION_STRING : type;
            }
            if (SECRET_WORDS.contains(word) || (word.equals("key") && KEY_QUALIFIERS.contains(previous))) {
                type = aws && words.contains("secret") ? SecretTypes.AWS_SECRET_ACCESS_KEY
                        : type == null ? SecretTypes.SECRET_VALUE : type;
            }
            previous = word;
        }
        return type;
    }

    /** The name's words, lower case: split at {@code _ - . /} and where a lower-case letter meets a capital. */
    static List<String> words(CharSequence text, int start, int end) {
        var words = new ArrayList<String>(4);
        var word = new StringBuilder();
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean separator = !Character.isLetterOrDigit(c);
            boolean hump = Character.isUpperCase(c) && i > start && Character.isLowerCase(text.charAt(i - 1));
            if ((separator || hump) && !word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
            if (!separator) {
                word.append(Character.toLowerCase(c));
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
