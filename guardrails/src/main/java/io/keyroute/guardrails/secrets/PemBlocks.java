package io.keyroute.guardrails.secrets;

/**
 * Private keys in PEM armour ({@code -----BEGIN RSA PRIVATE KEY-----} … {@code -----END …-----}),
 * also as a JSON string whose line breaks are written {@code \n} (a GCP service account's
 * {@code private_key}). A block is read at most {@link #MAX_LENGTH} characters far (a 4096-bit RSA
 * key fits in about 3,300): past that, the finding ends with its last body line read, and the
 * lines after it are each a high-entropy token of their own. Certificates and public keys are armoured
 * alike and are no secret: their blocks are skipped whole.
 */
final class PemBlocks {
    static final int MAX_LENGTH = 4096;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    /** The longest label ({@code ENCRYPTED PRIVATE KEY}, {@code OPENSSH PRIVATE KEY}, {@code PGP PRIVATE KEY BLOCK}). */
    private static final int MAX_LABEL = 40;

    private PemBlocks() {
    }

    static boolean startsAt(CharSequence text, int at) {
        return regionMatches(text, at, BEGIN);
    }

    /**
     * Where the last armour line begins in the {@link #MAX_LENGTH} characters before {@code before}, or -1:
     * a scan that starts inside a block must start at its beginning to see it as one.
     */
    static int lastBeginBefore(CharSequence text, int before) {
        for (int i = before - 1; i >= Math.max(0, before - MAX_LENGTH); i--) {
            if (text.charAt(i) == '-' && regionMatches(text, i, BEGIN)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the block starting at {@code start} holds a private key (not a certificate or a public key). */
    static boolean isPrivate(CharSequence text, int start) {
        int labelEnd = labelEnd(text, start);
        return labelEnd > 0 && text.subSequence(start + BEGIN.length(), labelEnd).toString().contains("PRIVATE KEY");
    }

    private static int labelEnd(CharSequence text, int start) {
        int labelStart = start + BEGIN.length();
        return indexOf(text, DASHES, labelStart, Math.min(text.length(), labelStart + MAX_LABEL));
    }

    /** Where the block starting at {@code start} ends: its END line, or its last body line read; -1 when it has no label. */
    static int end(CharSequence text, int start) {
        int labelEnd = labelEnd(text, start);
        if (labelEnd < 0) {
            return -1;
        }
        int limit = Math.min(text.length(), start + MAX_LENGTH);
        int bodyStart = labelEnd + DASHES.length();
        int endLine = indexOf(text, END, bodyStart, limit);
        if (endLine >= 0) {
            int closing = indexOf(text, DASHES, endLine + END.length(), Math.min(limit, endLine + END.length() + MAX_LABEL));
            if (closing >= 0) {
                return closing + DASHES.length();
            }
        }
        return bodyEnd(text, bodyStart, limit);
    }

    /** The end of the armoured body from {@code from}: base64, headers' colons and commas, real or escaped line breaks. */
    private static int bodyEnd(CharSequence text, int from, int limit) {
        int i = from;
        int lastBody = from;
        while (i < limit) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == ':' || c == ',' || c == '-') {
                lastBody = ++i;
            } else if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\\') {
                i++;
            } else {
                break;
            }
        }
        return lastBody;
    }

    private static int indexOf(CharSequence text, String needle, int from, int limit) {
        for (int i = from; i + needle.length() <= limit; i++) {
            if (regionMatches(text, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence text, int at, String needle) {
        if (at + needle.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < needle.length(); k++) {
            if (text.charAt(at + k) != needle.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
