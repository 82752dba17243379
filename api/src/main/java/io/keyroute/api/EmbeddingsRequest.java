package io.keyroute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An inbound OpenAI Embeddings request, parsed once; {@code body} is kept whole so an OpenAI-shaped
 * provider receives every field.
 */
public record EmbeddingsRequest(ObjectNode body, String model) {
}
