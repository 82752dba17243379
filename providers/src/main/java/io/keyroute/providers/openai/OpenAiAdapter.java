package io.keyroute.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.RawBody;
import io.keyroute.api.Secret;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.providers.EmbeddingsAdapter;
import io.keyroute.providers.KeptResponsesApi;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.TokenCountAdapter;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.http.PassThroughBody;
import io.keyroute.providers.http.ProviderErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.keyroute.api.wire.openai.OpenAiChunkReader;
import io.keyroute.api.wire.openai.OpenAiRequestWriter;
import io.keyroute.api.wire.openai.OpenAiResponseReader;
import io.keyroute.api.wire.responses.ResponsesUsage;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.util.Optional;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenAI Chat Completions, and every server that speaks it (DeepSeek and other
 * OpenAI-compatible APIs, and Keyroute's own mock). An OpenAI-shaped request passes through with
 * only {@code model} rewritten, so fields Keyroute does not know survive; streams always ask for
 * usage so every token is counted. A Responses request passes through the same way to OpenAI's own
 * Responses API, which the server kept state for and reports usage in, unasked. Callers of another
 * format (and Responses callers of a server without that API) are translated through the canonical
 * model, both ways.
 */
public final class OpenAiAdapter implements ProviderAdapter, EmbeddingsAdapter, TokenCountAdapter {
    private final ProviderErrors errors;
    private final Translation translation;
    /** Whether the server is OpenAI's own, with its Responses API to pass Responses requests to. */
    private final boolean responsesApi;
    private static final KeptResponsesApi KEPT_RESPONSES = new OpenAiKeptResponses();
    /** Far more base URLs than are in use at once: the config's and the users' stored ones. */
    static final int MAX_ENDPOINTS = 1_024;
    private static final String PROMPT_CACHE_KEY = "prompt_cache_key";

    /**
     * Endpoint URIs by base URL: parsing a URI per request is measurable on the hot path. Users
     * may store credentials with any base URL, so it is a bounded cache.
     */
    private final Cache<URI, URI> chatEndpoints = endpointCache();
    private final Cache<URI, URI> responsesEndpoints = endpointCache();

    /** For a server that speaks chat completions (the Responses API translated to it). */
    public OpenAiAdapter(ProviderErrors errors) {
        this(errors, new Translation(Clock.systemUTC()));
    }

    /** For a server that speaks chat completions (the Responses API translated to it). */
    public OpenAiAdapter(ProviderErrors errors, Translation translation) {
        this(errors, translation, false);
    }

    /** @param responsesApi whether the server is OpenAI's own, with its Responses API */
    public OpenAiAdapter(ProviderErrors errors, Translation translation, boolean responsesApi) {
        this.errors = errors;
        this.translation = translation;
        this.responsesApi = responsesApi;
    }

    private static Cache<URI, URI> endpointCache() {
        return Caffeine.newBuilder().maximumSize(MAX_ENDPOINTS).executor(Runnable::run).build();
    }

    @Override
    public UpstreamRequest toUpstream(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        String cacheKey = promptCacheKey(request);
        if (passesResponses(request)) {
            URI endpoint = responsesEndpoints.get(baseUrl, base -> OpenAiApi.resolve(base, OpenAiApi.RESPONSES));
            // Responses streams report usage unasked: only the model changes.
            return new UpstreamRequest(endpoint, OpenAiApi.postHeaders(credential.apiKey(), request.stream()),
                    passThroughBody(request.raw(), request.body(), upstreamModel, false, cacheKey), request.stream());
        }
        if (request.format() != WireFormat.OPENAI_CHAT) {
            return new UpstreamRequest(chatEndpoint(baseUrl), OpenAiApi.postHeaders(credential.apiKey(), request.stream()),
                    OpenAiRequestWriter.write(translation.canonical(request), upstreamModel, cacheKey), request.stream());
        }
        return new UpstreamRequest(chatEndpoint(baseUrl), OpenAiApi.postHeaders(credential.apiKey(), request.stream()),
                passThroughBody(request.raw(), request.body(), upstreamModel,
                        request.stream() && !request.clientWantsUsage(), cacheKey),
                request.stream());
    }

    /**
     * The conversation's {@code prompt_cache_key} (its hashed session), so OpenAI sends its turns to
     * the machines that hold its prefix: only to OpenAI's own server (another that speaks its API may
     * refuse a field it does not know), and never instead of a key the caller sent itself.
     */
    private String promptCacheKey(ChatRequest request) {
        return responsesApi && request.promptCacheKey() != null && !request.body().has(PROMPT_CACHE_KEY)
                ? request.promptCacheKey() : null;
    }

    /**
     * The caller's bytes with the model spliced in when the reader kept them (see {@link RawBody}
     * for when it does not); otherwise, and when existing {@code stream_options} must change (rare:
     * that is an edit inside them), the tree rewritten and serialised. Chat, Responses and embeddings alike.
     *
     * @param askForUsage whether {@code stream_options.include_usage} must be added (a stream whose caller did not)
     * @param promptCacheKey a {@code prompt_cache_key} to add (the body has none), or null
     */
    private static byte[] passThroughBody(RawBody raw, ObjectNode callerBody, String upstreamModel, boolean askForUsage,
                                          String promptCacheKey) {
        if (raw != null && !(askForUsage && callerBody.has("stream_options"))) {
            return PassThroughBody.spliced(raw, upstreamModel, askForUsage, promptCacheKey);
        }
        // A shallow copy: the caller's nested nodes are shared, never modified.
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.setAll(callerBody);
        body.put("model", upstreamModel);
        if (promptCacheKey != null) {
            body.put(PROMPT_CACHE_KEY, promptCacheKey);
        }
        if (askForUsage) {
            ObjectNode options = Json.MAPPER.createObjectNode();
            JsonNode existing = callerBody.get("stream_options");
            if (existing instanceof ObjectNode existingOptions) {
                options.setAll(existingOptions);
            }
            options.put("include_usage", true);
            body.set("stream_options", options);
        }
        return toBytes(body);
    }

    private URI chatEndpoint(URI baseUrl) {
        return chatEndpoints.get(baseUrl, base -> OpenAiApi.resolve(base, OpenAiApi.CHAT));
    }

    /** How many base URLs have an endpoint cached (at most {@link #MAX_ENDPOINTS}). */
    long cachedEndpoints() {
        chatEndpoints.cleanUp();
        return chatEndpoints.estimatedSize();
    }

    /** OpenAI keeps the Responses it answers; a chat completions server keeps none. */
    @Override
    public Optional<KeptResponsesApi> keptResponses() {
        return responsesApi ? Optional.of(KEPT_RESPONSES) : Optional.empty();
    }

    /** Whether a request goes to OpenAI's Responses API as sent, rather than to chat completions. */
    private boolean passesResponses(ChatRequest request) {
        return responsesApi && request.format() == WireFormat.OPENAI_RESPONSES;
    }

    @Override
    public ChatResult fromUpstream(ChatRequest request, byte[] body) {
        if (request.format() != WireFormat.OPENAI_CHAT && !passesResponses(request)) {
            return translation.result(request, OpenAiResponseReader.read(body));
        }
        try {
            return new ChatResult(body, orNone(request.format() == WireFormat.OPENAI_CHAT
                    ? OpenAiUsage.fromBody(body) : ResponsesUsage.fromResponse(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable OpenAI answer", e);
        }
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request) {
        if (passesResponses(request)) {
            return new ResponsesStreamDecoder();
        }
        if (request.format() != WireFormat.OPENAI_CHAT) {
            return translation.decoder(request, new OpenAiChunkReader());
        }
        return new OpenAiStreamDecoder(request);
    }

    /**
     * OpenAI's own count, {@code POST /v1/responses/input_tokens}, takes a Responses body: one passes
     * through with only the model spliced in. Chat bodies and servers without the Responses API have
     * no count of their own (empty).
     */
    @Override
    public Optional<UpstreamRequest> toUpstreamCount(ChatRequest request, String upstreamModel, URI baseUrl,
                                                     Credential credential) {
        if (!passesResponses(request)) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamRequest(OpenAiApi.resolve(baseUrl, OpenAiApi.INPUT_TOKENS),
                OpenAiApi.postHeaders(credential.apiKey(), false),
                passThroughBody(request.raw(), request.body(), upstreamModel, false, null), false));
    }

    /** {@code {"object": "response.input_tokens", "input_tokens": N}}. */
    @Override
    public long fromUpstreamCount(byte[] body) {
        return TokenCountAdapter.countIn(body, "input_tokens");
    }

    /** Embeddings pass through with only {@code model} rewritten, spliced into the caller's bytes when kept. */
    @Override
    public UpstreamRequest toUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, URI baseUrl,
                                                Credential credential) {
        byte[] body = passThroughBody(request.raw(), request.body(), upstreamModel, false, null);
        return new UpstreamRequest(OpenAiApi.resolve(baseUrl, OpenAiApi.EMBEDDINGS),
                OpenAiApi.postHeaders(credential.apiKey(), false), body, false);
    }

    @Override
    public ChatResult fromUpstreamEmbeddings(EmbeddingsRequest request, String upstreamModel, byte[] body) {
        try {
            return new ChatResult(body, orNone(OpenAiUsage.fromBody(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable OpenAI answer", e);
        }
    }

    @Override
    public UpstreamError mapError(String providerId, int status, Function<String, String> headers, byte[] body,
                                  Secret sentKey) {
        return errors.fromResponse(providerId, status, headers, body, sentKey);
    }

    private static io.keyroute.api.Usage orNone(io.keyroute.api.Usage usage) {
        return usage == null ? io.keyroute.api.Usage.NONE : usage;
    }

    private static byte[] toBytes(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
