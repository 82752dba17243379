package io.keyroute.providers.translate;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.api.wire.anthropic.AnthropicEventWriter;
import io.keyroute.api.wire.anthropic.AnthropicRequestReader;
import io.keyroute.api.wire.anthropic.AnthropicResponseWriter;
import io.keyroute.api.wire.openai.OpenAiChunkWriter;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import io.keyroute.api.wire.openai.OpenAiResponseWriter;
import io.keyroute.api.wire.responses.ResponsesEventWriter;
import io.keyroute.api.wire.responses.ResponsesIds;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.api.wire.responses.ResponsesResponseWriter;

/**
 * The reader and the writers of the caller's wire format: the one place that dispatches on
 * {@link io.keyroute.api.WireFormat}, so a new inbound format is one reader and two writers. It sits
 * with {@link Translation}, its one user, above the per-API codecs, which share only {@code api.wire}.
 */
final class CallerFormats {
    private CallerFormats() {
    }

    static CanonicalRequest readRequest(ChatRequest request) {
        return switch (request.format()) {
            case OPENAI_CHAT -> OpenAiRequestReader.read(request.body());
            case ANTHROPIC_MESSAGES -> AnthropicRequestReader.read(request.body());
            case OPENAI_RESPONSES -> responses(request).canonical();
        };
    }

    /** @param created epoch seconds, for formats that stamp answers */
    static byte[] writeResponse(ChatRequest request, CanonicalResponse response, long created) {
        return switch (request.format()) {
            case OPENAI_CHAT -> OpenAiResponseWriter.write(response, created);
            case ANTHROPIC_MESSAGES -> AnthropicResponseWriter.write(response);
            case OPENAI_RESPONSES -> ResponsesResponseWriter.write(response, responses(request), ResponsesIds.response(),
                    created);
        };
    }

    static StreamEventWriter newStreamWriter(ChatRequest request, long created) {
        return switch (request.format()) {
            case OPENAI_CHAT -> new OpenAiChunkWriter(created, request.clientWantsUsage());
            case ANTHROPIC_MESSAGES -> new AnthropicEventWriter(request.model());
            case OPENAI_RESPONSES -> new ResponsesEventWriter(responses(request), ResponsesIds.response(), created);
        };
    }

    /**
     * A Responses request carried as a chat: the reading made at the door when it came along, else
     * its body, checked at the door, read again from the tree.
     */
    private static ResponsesRequest responses(ChatRequest request) {
        return request.reading() instanceof ResponsesRequest read ? read : ResponsesRequestReader.read(request.body());
    }
}
