package io.keyroute.providers;

import java.net.URI;
import java.util.Map;

/** One HTTP call to a provider, fully built: the transport adds nothing but framing. */
public record UpstreamRequest(URI uri, Map<String, String> headers, byte[] body, boolean stream) {
}
