package io.keyroute.server.console;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import java.util.List;

/**
 * The headers every {@code /ui/} answer carries. The policy allows only the console's own files:
 * no inline script or style (every value is rendered as text, and even a slip could not run), no
 * request to another host, no framing, no {@code <base>} redirecting relative URLs.
 */
public final class ConsoleHeaders {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    static final List<Header> ALL = List.of(
            HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            HeaderValues.create("X-Content-Type-Options", "nosniff"),
            HeaderValues.create("Referrer-Policy", "no-referrer"),
            HeaderValues.create("Cross-Origin-Opener-Policy", "same-origin"));

    private ConsoleHeaders() {
    }
}
