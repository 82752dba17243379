package io.keyroute.providers.anthropic;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.WireFormat;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.api.wire.anthropic.AnthropicEventReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.TokenCountAdapter;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.translate.CanonicalStreamDecoder;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Anthropic's Messages API ({@code x-api-key}, {@code anthropic-version}). Anthropic callers pass
 * through; OpenAI callers are translated both ways, streams included. Counts are Anthropic's own
 * ({@code count_tokens}), for any caller's prompt.
 */
public final class AnthropicAdapter implements ProviderAdapter, TokenCountAdapter {
    private final ProviderErrors errors;
    private final Translation translation;
    private final AnthropicRequestMapper requests;
    private final AnthropicResponseMapper responses;

    public AnthropicAdapter(ProviderErrors errors, Translation translation) {
        this.errors = errors;
        this.translation = translation;
        this.requests = new AnthropicRequestMapper(translation);
        this.responses = new AnthropicResponseMapper(translation);
    }

    @Override
    public UpstreamRequest toUpstream(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        return requests.map(request, upstreamModel, baseUrl, credential);
    }

    @Override
    public ChatResult fromUpstream(ChatRequest request, byte[] body) {
        return responses.map(request, body);
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request) {
        if (request.format() == WireFormat.ANTHROPIC_MESSAGES) {
            return new CanonicalStreamDecoder(new AnthropicEventReader(), null);
        }
        StreamEventReader reader = new AnthropicEventReader();
        return translation.decoder(request, AnthropicJsonMode.applies(translation.canonical(request))
                ? AnthropicJsonMode.unwrap(reader) : reader);
    }

    @Override
    public Optional<UpstreamRequest> toUpstreamCount(ChatRequest request, String upstreamModel, URI baseUrl,
                                                     Credential credential) {
        return Optional.of(requests.count(request, upstreamModel, baseUrl, credential));
    }

    /** {@code {"input_tokens": N}}. */
    @Override
    public long fromUpstreamCount(byte[] body) {
        return TokenCountAdapter.countIn(body, "input_tokens");
    }

    @Override
    public UpstreamError mapError(String providerId, int status, Function<String, String> headers, byte[] body,
                                  Secret sentKey) {
        return errors.fromResponse(providerId, status, headers, body, sentKey);
    }
}
