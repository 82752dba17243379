package io.keyroute.providers;

import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;

/**
 * The calls that read and delete a response a provider keeps itself (OpenAI's Responses API keeps
 * what it answers): each authenticated with the key that made it, the only key its organisation
 * answers for it.
 */
public interface KeptResponsesApi {
    /** {@code GET responses/{id}?query}; {@code query} is empty or already URL-encoded. */
    UpstreamRequest retrieve(URI baseUrl, Credential credential, String id, String query);

    /** {@code GET responses/{id}/input_items?query}; {@code query} is empty or already URL-encoded. */
    UpstreamRequest inputItems(URI baseUrl, Credential credential, String id, String query);

    /** {@code DELETE responses/{id}}. */
    UpstreamRequest delete(URI baseUrl, Credential credential, String id);
}
