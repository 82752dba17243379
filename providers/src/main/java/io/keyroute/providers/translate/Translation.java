package io.keyroute.providers.translate;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.StreamDecoder;
import java.time.Clock;

/**
 * What an adapter does when the caller's format is not its provider's: read the caller's request
 * into the canonical model, and write the provider's answer (whole or streamed) back in the
 * caller's format. Adapters keep only the provider's side.
 */
public final class Translation {
    private final Clock clock;

    public Translation(Clock clock) {
        this.clock = clock;
    }

    public CanonicalRequest canonical(ChatRequest request) {
        return CallerFormats.readRequest(request);
    }

    public ChatResult result(ChatRequest request, CanonicalResponse response) {
        return new ChatResult(CallerFormats.writeResponse(request, response, clock.instant().getEpochSecond()),
                response.usage());
    }

    /** A decoder that reads the provider's stream with {@code reader} and writes the caller's format. */
    public StreamDecoder decoder(ChatRequest request, StreamEventReader reader) {
        return new CanonicalStreamDecoder(reader, CallerFormats.newStreamWriter(request, clock.instant().getEpochSecond()));
    }
}
