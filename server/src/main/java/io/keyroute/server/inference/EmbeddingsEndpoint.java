package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import io.helidon.http.Headers;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.openai.OpenAiEmbeddingsRequestReader;
import io.keyroute.providers.Credential;
import io.keyroute.providers.EmbeddingsAdapter;
import io.keyroute.providers.Provider;
import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.catalog.Target;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import java.net.URI;

/**
 * {@code POST /v1/embeddings} in OpenAI's shape, for providers whose kind declares
 * {@link ProviderCapability#EMBEDDINGS}; the answer is delivered whole. With no chat to classify,
 * routing still applies plans, key allow-lists, circuits and credentials, and the limits bound
 * the request by its size.
 */
final class EmbeddingsEndpoint implements Endpoint<EmbeddingsRequest> {
    private static final ChatShape NO_CHAT = ChatBodyShape.of(Json.MAPPER.createObjectNode());

    private final JsonDelivery json;

    EmbeddingsEndpoint(JsonDelivery json) {
        this.json = json;
    }

    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public EmbeddingsRequest parse(Caller caller, Headers headers, byte[] body) {
        return OpenAiEmbeddingsRequestReader.read(body);
    }

    @Override
    public String model(EmbeddingsRequest request) {
        return request.model();
    }

    @Override
    public boolean streams(EmbeddingsRequest request) {
        return false;
    }

    @Override
    public ChatShape shape(EmbeddingsRequest request) {
        return NO_CHAT;
    }

    @Override
    public ChatRequest chat(EmbeddingsRequest request) {
        return null;
    }

    @Override
    public ChatRequest chatFor(EmbeddingsRequest request, Provider provider, Credential credential) {
        return null;
    }

    @Override
    public UpstreamRequest upstream(EmbeddingsRequest request, String promptCacheKey, Provider provider, Target target,
                                    Credential credential, URI baseUrl) {
        return capability(provider).toUpstreamEmbeddings(request, target.upstreamModel(), baseUrl, credential);
    }

    @Override
    public Outcome deliver(EmbeddingsRequest request, Attempt attempt, CallerSide caller, Completion completion) {
        String model = attempt.target().upstreamModel();
        return json.deliver(attempt, caller, completion,
                body -> capability(attempt.provider()).fromUpstreamEmbeddings(request, model, body));
    }

    /**
     * The provider's embeddings API, when its kind declares one: the declaration decides, not the
     * adapter's type (the mock reuses OpenAI's adapter but has no embeddings answer).
     */
    private static EmbeddingsAdapter capability(Provider provider) {
        if (provider.kind().capabilities().contains(ProviderCapability.EMBEDDINGS)
                && provider.adapter() instanceof EmbeddingsAdapter embeddings) {
            return embeddings;
        }
        throw ClientError.badRequest("embeddings_not_supported",
                "Provider '" + provider.id() + "' (" + provider.kind().configName() + ") has no embeddings API.", "model");
    }
}
