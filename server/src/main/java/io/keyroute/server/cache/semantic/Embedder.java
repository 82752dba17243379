package io.keyroute.server.cache.semantic;

import io.keyroute.server.auth.Caller;
import java.util.Optional;

/**
 * Embeds a prompt for the semantic cache, as {@code caller} and at its cost: through Keyroute's own embeddings
 * path, so the caller's credentials, limits, budgets and usage apply to the call as to any request.
 */
public interface Embedder {
    /**
     * The embedding of {@code text} by {@code model}, or empty when the call failed for any reason (refused,
     * over budget, upstream error): then there is no semantic look-up, never a failed request.
     *
     * @param dimensions the dimensions to ask of the model, or null for its own
     */
    Optional<float[]> embed(Caller caller, String model, String text, Integer dimensions);
}
