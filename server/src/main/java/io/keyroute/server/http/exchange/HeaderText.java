package io.keyroute.server.http.exchange;

/**
 * Makes text safe for a response header: a caller-chosen model name must not be able to break
 * the header block (CR/LF) or carry bytes a client rejects.
 */
public final class HeaderText {
    private static final int MAX_LENGTH = 512;

    private HeaderText() {
    }

    /** The text itself when it is already safe (the usual case: no copy per response), else a cleaned copy. */
    public static String safe(String text) {
        if (isSafe(text)) {
            return text;
        }
        int length = Math.min(text.length(), MAX_LENGTH);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            out[i] = c >= 0x20 && c < 0x7f ? c : '?';
        }
        return new String(out);
    }

    private static boolean isSafe(String text) {
        if (text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
