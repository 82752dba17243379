package io.keyroute.providers;

import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;

/**
 * The optional embeddings capability of a {@link ProviderAdapter} (checked with
 * {@code instanceof}): pure translation, like the adapter itself. Answers are in OpenAI's
 * Embeddings shape, with usage.
 */
public interface EmbeddingsAdapter {
    UpstreamRequest toUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, URI baseUrl,
                                         Credential credential);

    /** The provider's answer as an OpenAI {@code list} of embeddings, and its usage. */
    ChatResult fromUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, byte[] body);
}
