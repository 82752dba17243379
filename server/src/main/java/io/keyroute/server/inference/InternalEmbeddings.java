package io.keyroute.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.semantic.Embedder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The semantic cache's embeddings, made through the inference flow as a {@code POST /v1/embeddings} of the
 * caller's own ({@link EmbeddingCall}, a caller side that is not HTTP, as a Responses WebSocket's message is one):
 * every step runs, so the caller's model access, credentials, rate limits and budgets apply, and the call is
 * recorded and billed as a request of its own (operation {@code embeddings}). Whatever refuses or fails it, the
 * answer is "no embedding".
 */
public final class InternalEmbeddings implements Embedder {
    /** No embeddings model answers more; a longer answer is not a vector the index should keep. */
    private static final int MAX_DIMENSIONS = 8192;

    private final EmbeddingsEndpoint endpoint;
    private volatile InferenceFlow flow;

    public InternalEmbeddings(JsonDelivery json) {
        this.endpoint = new EmbeddingsEndpoint(json);
    }

    /**
     * The flow the calls run through: set once it is built, since the flow's cache step holds this embedder.
     * Until then there are no embeddings.
     */
    public void runOn(InferenceFlow built) {
        this.flow = built;
    }

    @Override
    public Optional<float[]> embed(Caller caller, String model, String text, Integer dimensions) {
        InferenceFlow running = flow;
        if (running == null) {
            return Optional.empty();
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model).put("input", text);
        if (dimensions != null) {
            body.put("dimensions", dimensions);
        }
        var call = new EmbeddingCall(caller, body.toString().getBytes(StandardCharsets.UTF_8));
        running.exchange(endpoint, call).proceed();
        return call.answer().flatMap(InternalEmbeddings::vector);
    }

    /** The first embedding of an OpenAI-shaped answer, as floats. */
    private static Optional<float[]> vector(byte[] answer) {
        try {
            JsonNode embedding = Json.MAPPER.readTree(answer).path("data").path(0).path("embedding");
            if (!embedding.isArray() || embedding.isEmpty() || embedding.size() > MAX_DIMENSIONS) {
                return Optional.empty();
            }
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode x = embedding.get(i);
                if (!x.isNumber()) {
                    return Optional.empty();
                }
                v[i] = x.floatValue();
            }
            return Optional.of(v);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
