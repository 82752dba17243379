package io.keyroute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An inbound OpenAI Embeddings request, parsed once; {@code body} is kept whole so an OpenAI-shaped
 * provider receives every field.
 *
 * @param raw the bytes {@code body} was parsed from, for a pass-through that splices the model in;
 *            null when splicing is unsafe. As in {@link ChatRequest}, it is kept only with the very
 *            tree it was parsed into, so a request around another body cannot carry stale bytes.
 */
public record EmbeddingsRequest(ObjectNode body, String model, RawBody raw) {

    public EmbeddingsRequest {
        if (raw != null && !raw.describes(body)) {
            raw = null;
        }
    }

    public EmbeddingsRequest(ObjectNode body, String model) {
        this(body, model, null);
    }
}
