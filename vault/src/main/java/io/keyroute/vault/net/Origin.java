package io.keyroute.vault.net;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a URL: what trusting an operator-configured upstream means. Trusting
 * a host alone would let a caller-supplied {@code http://127.0.0.1:6379} ride on an operator's
 * {@code http://127.0.0.1:11434} (a local Ollama).
 */
public record Origin(String scheme, String host, int port) {

    /** The origin of an absolute URL, with the scheme's default port when none is written. */
    public static Origin of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        return new Origin(scheme, host, port);
    }
}
