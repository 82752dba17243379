package io.keyroute.providers;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Translation for one provider family: pure functions, no I/O. The HTTP call, SSE parsing and
 * retries are shared mechanisms; an adapter only knows its provider's wire format.
 */
public interface ProviderAdapter {

    /** The native request for {@code upstreamModel}, authenticated with {@code credential}. */
    UpstreamRequest toUpstream(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential);

    /** A non-streaming answer, in the caller's format. */
    ChatResult fromUpstream(ChatRequest request, byte[] body);

    StreamDecoder newStreamDecoder(ChatRequest request);

    /**
     * The provider's error answer as an {@link UpstreamError}: its status, its own message (keys
     * masked: {@code sentKey}, the key the request was sent with, whatever its format, and every
     * key-shaped run) and Retry-After.
     */
    UpstreamError mapError(String providerId, int status, Function<String, String> headers, byte[] body,
                           Secret sentKey);

    /** How to read and delete the responses this provider keeps itself; empty when it keeps none. */
    default Optional<KeptResponsesApi> keptResponses() {
        return Optional.empty();
    }
}
