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
import java.util.Map;

/**
 * Builds the call to {@code POST {base_url}/v1/messages} ({@link AnthropicApi}). An Anthropic-shaped request passes
 * through as the caller's bytes with only {@code model} spliced in ({@link PassThroughBody}: signed
 * thinking blocks go back exactly as sent), or as its tree with {@code model} rewritten when the
 * bytes were not kept, {@code max_tokens} must be added or unsigned thinking taken out
 * ({@link UnsignedThinking}); any other is translated through the canonical model.
 */
final class AnthropicRequestMapper {
    /** Anthropic requires max_tokens; this is the limit when the caller named none. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final Translation translation;

    AnthropicRequestMapper(Translation translation) {
        this.translation = translation;
    }

    UpstreamRequest map(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        ObjectNode body;
        boolean unsignedThinking = request.format() == WireFormat.ANTHROPIC_MESSAGES
                && UnsignedThinking.present(request.body());
        if (request.format() == WireFormat.ANTHROPIC_MESSAGES && request.raw() != null
                && request.body().hasNonNull("max_tokens") && !unsignedThinking) {
            return upstream(request, baseUrl, credential, PassThroughBody.spliced(request.raw(), upstreamModel, false));
        }
        if (request.format() == WireFormat.ANTHROPIC_MESSAGES) {
            body = JsonFields.object();
            body.setAll(request.body());
            if (unsignedThinking) {
                UnsignedThinking.strip(request.body(), body);
            }
            body.put("model", upstreamModel);
            if (!body.hasNonNull("max_tokens")) {
                body.put("max_tokens", DEFAULT_MAX_TOKENS);
            }
        } else {
            CanonicalRequest canonical = translation.canonical(request);
            body = AnthropicRequestWriter.write(canonical, upstreamModel, DEFAULT_MAX_TOKENS);
            if (AnthropicJsonMode.applies(canonical)) {
                AnthropicJsonMode.apply(canonical, body);
            }
        }
        return upstream(request, baseUrl, credential, JsonFields.bytes(body));
    }

    private static UpstreamRequest upstream(ChatRequest request, URI baseUrl, Credential credential, byte[] body) {
        Map<String, String> passed = request.format() == WireFormat.ANTHROPIC_MESSAGES
                ? request.passHeaders() // anthropic-beta: features only Anthropic knows
                : Map.of();
        return new UpstreamRequest(AnthropicApi.messages(baseUrl),
                AnthropicApi.postHeaders(passed, credential.apiKey(), request.stream()), body, request.stream());
    }
}
