package io.keyroute.guardrails.secrets;

import io.keyroute.api.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JSON Web Tokens (RFC 7519, compact form): three base64url parts joined by dots, the first a JSON
 * object naming its {@code alg}. Decoding the header tells a token from any dotted run that
 * happens to start {@code eyJ}.
 */
final class Jwts {
    /** Every JOSE header is a JSON object, and {@code {"} in base64url is {@code eyJ}. */
    private static final String HEADER_START = "eyJ";
    private static final int MAX_HEADER = 1024;

    private Jwts() {
    }

    /** The end of the JWT spanning the token {@code [start, end)}, or -1 when it is none. */
    static int end(CharSequence text, int start, int end) {
        if (end - start < 20 || !startsWithHeader(text, start)) {
            return -1;
        }
        int firstDot = indexOf(text, '.', start, end);
        int secondDot = firstDot < 0 ? -1 : indexOf(text, '.', firstDot + 1, end);
        if (secondDot < 0 || firstDot - start > MAX_HEADER || secondDot - firstDot < 3) {
            return -1;
        }
        int signatureEnd = secondDot + 1;
        while (signatureEnd < end && isBase64Url(text.charAt(signatureEnd))) {
            signatureEnd++;
        }
        return hasJsonHeader(text, start, firstDot) ? signatureEnd : -1;
    }

    private static boolean startsWithHeader(CharSequence text, int start) {
        return text.length() - start >= HEADER_START.length()
                && text.subSequence(start, start + HEADER_START.length()).toString().equals(HEADER_START);
    }

    private static boolean hasJsonHeader(CharSequence text, int start, int end) {
        try {
            byte[] header = Base64.getUrlDecoder().decode(text.subSequence(start, end).toString());
            var node = Json.MAPPER.readTree(new String(header, StandardCharsets.UTF_8));
            return node != null && node.isObject() && node.has("alg");
        } catch (IllegalArgumentException | IOException notJson) {
            return false;
        }
    }

    private static int indexOf(CharSequence text, char c, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
