package io.keyroute.providers.gemini;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.ModelName;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.EmbeddingsAdapter;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.UpstreamRequest;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Google's Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse},
 * {@code x-goog-api-key}). No caller speaks Gemini, so every request is translated.
 */
public final class GeminiAdapter implements ProviderAdapter, EmbeddingsAdapter {
    private static final String MODELS_PREFIX = "models/";
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1," + ModelName.MAX_LENGTH + "}");

    private final ProviderErrors errors;
    private final Translation translation;

    public GeminiAdapter(ProviderErrors errors, Translation translation) {
        this.errors = errors;
        this.translation = translation;
    }

    @Override
    public UpstreamRequest toUpstream(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        byte[] body = JsonFields.bytes(GeminiRequestMapper.write(translation.canonical(request)));
        Map<String, String> headers = Map.of(
                "x-goog-api-key", credential.apiKey().reveal(),
                "Content-Type", "application/json",
                "Accept", request.stream() ? "text/event-stream" : "application/json");
        String method = request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return new UpstreamRequest(modelUri(baseUrl, upstreamModel, method), headers, body, request.stream());
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
        Map<String, String> headers = Map.of(
                "x-goog-api-key", credential.apiKey().reveal(),
                "Content-Type", "application/json",
                "Accept", "application/json");
        return new UpstreamRequest(modelUri(baseUrl, upstreamModel, method), headers,
                JsonFields.bytes(GeminiEmbeddings.request(request, upstreamModel)), false);
    }

    @Override
    public ChatResult fromUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, byte[] body) {
        return GeminiEmbeddings.response(request, upstreamModel, body);
    }

    @Override
    public UpstreamError mapError(String providerId, int status, Function<String, String> headers, byte[] body,
                                  Secret sentKey) {
        return errors.fromResponse(providerId, status, headers, body, sentKey);
    }

    /**
     * {@code {base}/v1beta/models/{model}{method}}; the base URL is the API root as Google's SDKs
     * have it (one that already ends in a version is used as is).
     */
    static URI modelUri(URI baseUrl, String model, String method) {
        String base = baseUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (!base.matches(".*/v1(beta|alpha)?\\d*$")) {
            base = base + "/v1beta";
        }
        return URI.create(base + "/models/" + pathSegment(model) + method);
    }

    /**
     * The model as one segment of the URL path, so no name reaches another path or API method
     * with the operator's key: Google's own {@code models/} prefix is dropped, and what is left
     * must be a Gemini model id, {@code [A-Za-z0-9._-]} and not only dots. Nothing is left to
     * percent-encode, which matters: Helidon's client decodes a request URI's path and re-encodes
     * it with {@code :} and {@code @} literal, so {@code %3A} would reach Google as a method's colon.
     *
     * @throws ClientError 400 {@code invalid_model}, before anything is sent
     */
    static String pathSegment(String model) {
        String id = model.startsWith(MODELS_PREFIX) ? model.substring(MODELS_PREFIX.length()) : model;
        if (!MODEL_ID.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
            throw ClientError.invalidModel("a Gemini model is one id of A-Z a-z 0-9 . _ - (models/ may precede it)");
        }
        return id;
    }
}
