package io.keyroute.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.anthropic.AnthropicRequestWriter;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.PassThroughBody;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Builds the call to {@code POST {base_url}/v1/messages} ({@link AnthropicApi}), and to its token count. An
 * Anthropic-shaped request passes through as the caller's bytes with only {@code model} spliced in
 * ({@link PassThroughBody}: signed thinking blocks go back exactly as sent), or as its tree with
 * {@code model} rewritten when the bytes were not kept, {@code max_tokens} must be added or unsigned
 * thinking taken out ({@link UnsignedThinking}); any other is translated through the canonical model.
 */
final class AnthropicRequestMapper {
    /** Anthropic requires max_tokens; this is the limit when the caller named none. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    /**
     * Messages fields a count does not take (anthropic-sdk-python's {@code MessageCountTokensParams}
     * has messages, model, system, tools, tool_choice, thinking and a few betas, not these).
     */
    private static final List<String> GENERATION_ONLY = List.of("max_tokens", "stream", "temperature", "top_p",
            "top_k", "stop_sequences", "metadata", "service_tier");

    private final Translation translation;

    AnthropicRequestMapper(Translation translation) {
        this.translation = translation;
    }

    UpstreamRequest map(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        if (request.format() == WireFormat.ANTHROPIC_MESSAGES && request.raw() != null
                && request.body().hasNonNull("max_tokens") && !UnsignedThinking.present(request.body())) {
            return upstream(request, AnthropicApi.messages(baseUrl), credential, request.stream(),
                    PassThroughBody.spliced(request.raw(), upstreamModel, false));
        }
        return upstream(request, AnthropicApi.messages(baseUrl), credential, request.stream(),
                JsonFields.bytes(body(request, upstreamModel)));
    }

    /**
     * The call to {@code POST {base_url}/v1/messages/count_tokens}: the Messages body without what
     * only generation reads, which the count endpoint refuses as extra inputs.
     */
    UpstreamRequest count(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        ObjectNode body = body(request, upstreamModel);
        body.remove(GENERATION_ONLY);
        return upstream(request, AnthropicApi.countTokens(baseUrl), credential, false, JsonFields.bytes(body));
    }

    private ObjectNode body(ChatRequest request, String upstreamModel) {
        if (request.format() != WireFormat.ANTHROPIC_MESSAGES) {
            CanonicalRequest canonical = translation.canonical(request);
            ObjectNode body = AnthropicRequestWriter.write(canonical, upstreamModel, DEFAULT_MAX_TOKENS);
            if (AnthropicJsonMode.applies(canonical)) {
                AnthropicJsonMode.apply(canonical, body);
            }
            return body;
        }
        ObjectNode body = JsonFields.object();
        body.setAll(request.body());
        if (UnsignedThinking.present(request.body())) {
            UnsignedThinking.strip(request.body(), body);
        }
        body.put("model", upstreamModel);
        if (!body.hasNonNull("max_tokens")) {
            body.put("max_tokens", DEFAULT_MAX_TOKENS);
        }
        return body;
    }

    private static UpstreamRequest upstream(ChatRequest request, URI uri, Credential credential, boolean stream,
                                            byte[] body) {
        Map<String, String> passed = request.format() == WireFormat.ANTHROPIC_MESSAGES
                ? request.passHeaders() // anthropic-beta: features only Anthropic knows
                : Map.of();
        return new UpstreamRequest(uri, AnthropicApi.postHeaders(passed, credential.apiKey(), stream), body, stream);
    }
}
