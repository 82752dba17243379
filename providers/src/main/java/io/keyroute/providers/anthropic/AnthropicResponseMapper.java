package io.keyroute.providers.anthropic;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.wire.anthropic.AnthropicResponseReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.translate.Translation;

/** An Anthropic {@code message} to the caller: as it came for Anthropic callers, translated for others. */
final class AnthropicResponseMapper {
    private final Translation translation;

    AnthropicResponseMapper(Translation translation) {
        this.translation = translation;
    }

    ChatResult map(ChatRequest request, byte[] body) {
        CanonicalResponse response = AnthropicResponseReader.read(body);
        if (request.format() == WireFormat.ANTHROPIC_MESSAGES) {
            return new ChatResult(body, response.usage());
        }
        boolean jsonMode = AnthropicJsonMode.applies(translation.canonical(request));
        return translation.result(request, jsonMode ? AnthropicJsonMode.unwrap(response) : response);
    }
}
