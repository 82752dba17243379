package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.EmbeddingsAdapter;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.TokenCountAdapter;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Google's Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse},
 * {@code x-goog-api-key}). No caller speaks Gemini, so every request is translated.
 */
public final class GeminiAdapter implements ProviderAdapter, EmbeddingsAdapter, TokenCountAdapter {
    private final ProviderErrors errors;
    private final Translation translation;

    public GeminiAdapter(ProviderErrors errors, Translation translation) {
        this.errors = errors;
        this.translation = translation;
    }

    @Override
    public UpstreamRequest toUpstream(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        byte[] body = JsonFields.bytes(GeminiRequestMapper.write(translation.canonical(request), upstreamModel));
        String method = request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return new UpstreamRequest(GeminiApi.modelUri(baseUrl, upstreamModel, method),
                GeminiApi.postHeaders(credential.apiKey(), request.stream()), body, request.stream());
    }

    @Override
    public ChatResult fromUpstream(ChatRequest request, byte[] body) {
        return translation.result(request, GeminiResponseMapper.read(body));
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request) {
        return translation.decoder(request, new GeminiStreamDecoder());
    }

    @Override
    public UpstreamRequest toUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, URI baseUrl,
                                                Credential credential) {
        String method = GeminiEmbeddings.batched(request) ? ":batchEmbedContents" : ":embedContent";
        return new UpstreamRequest(GeminiApi.modelUri(baseUrl, upstreamModel, method),
                GeminiApi.postHeaders(credential.apiKey(), false),
                JsonFields.bytes(GeminiEmbeddings.request(request, upstreamModel)), false);
    }

    @Override
    public ChatResult fromUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, byte[] body) {
        return GeminiEmbeddings.response(request, upstreamModel, body);
    }

    /**
     * {@code models/{model}:countTokens} with the whole {@code generateContentRequest} (its
     * {@code contents} alone would leave out the system instruction and the tools), which names its
     * model as {@code models/{model}}.
     */
    @Override
    public Optional<UpstreamRequest> toUpstreamCount(ChatRequest request, String upstreamModel, URI baseUrl,
                                                     Credential credential) {
        ObjectNode generate = JsonFields.object().put("model", GeminiApi.MODELS_PREFIX + GeminiApi.pathSegment(upstreamModel));
        generate.setAll(GeminiRequestMapper.write(translation.canonical(request), upstreamModel));
        ObjectNode body = JsonFields.object();
        body.set("generateContentRequest", generate);
        return Optional.of(new UpstreamRequest(GeminiApi.modelUri(baseUrl, upstreamModel, ":countTokens"),
                GeminiApi.postHeaders(credential.apiKey(), false), JsonFields.bytes(body), false));
    }

    /** {@code {"totalTokens": N, ...}}. */
    @Override
    public long fromUpstreamCount(byte[] body) {
        return TokenCountAdapter.countIn(body, "totalTokens");
    }

    @Override
    public UpstreamError mapError(String providerId, int status, Function<String, String> headers, byte[] body,
                                  Secret sentKey) {
        return errors.fromResponse(providerId, status, headers, body, sentKey);
    }
}
