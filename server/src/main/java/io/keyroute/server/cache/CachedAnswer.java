package io.keyroute.server.cache;

import io.keyroute.api.WireFormat;
import io.keyroute.providers.sse.SseEvent;
import java.util.List;

/**
 * An answer as its caller received it, kept to be replayed: one JSON body, or a completed stream's events in
 * order. It says what served it, for the replay's headers and the hit's ledger row.
 *
 * @param format     the API shape it is in (a replay goes only to a caller of the same API)
 * @param streamed   whether it is a stream ({@code events}) or one JSON body ({@code body})
 * @param body       the JSON answer; empty for a stream
 * @param events     the stream's events as sent; empty for a JSON answer
 * @param provider   the provider that answered
 * @param model      the model that answered, as its provider names it
 * @param costMicros what the original call cost, in micro-dollars (what a hit saves); 0 when unpriced
 */
public record CachedAnswer(WireFormat format, boolean streamed, byte[] body, List<SseEvent> events, String provider,
                           String model, long costMicros) {
    public CachedAnswer {
        body = body == null ? new byte[0] : body;
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Whether a caller of {@code api} asking for a stream (or not) can be answered with it. */
    public boolean answers(WireFormat api, boolean stream) {
        return format == api && streamed == stream;
    }

    /** Roughly what it occupies: its text, for the size bounds. */
    public long bytes() {
        long size = 64L + body.length + provider.length() + model.length();
        for (SseEvent event : events) {
            size += 16L + event.data().length() + (event.event() == null ? 0 : event.event().length());
        }
        return size;
    }
}
