package io.keyroute.providers.http;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP call to a provider, fully built: the transport adds nothing but framing. A call is a
 * POST of {@code body} (chat, embeddings) or, without a body, a GET (a models probe).
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, boolean stream) {
    private static final byte[] NO_BODY = new byte[0];

    public UpstreamRequest {
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new IllegalArgumentException("an upstream call is a POST or a GET, not " + method);
        }
    }

    /** Whether this is a GET: no body is sent. */
    public boolean isGet() {
        return method.equals("GET");
    }

    /** A POST of {@code body}. */
    public UpstreamRequest(URI uri, Map<String, String> headers, byte[] body, boolean stream) {
        this("POST", uri, headers, body, stream);
    }

    /** A GET of {@code uri}, answered whole. */
    public static UpstreamRequest get(URI uri, Map<String, String> headers) {
        return new UpstreamRequest("GET", uri, headers, NO_BODY, false);
    }
}
