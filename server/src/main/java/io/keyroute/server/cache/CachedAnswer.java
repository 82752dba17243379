package io.keyroute.server.cache;

import io.keyroute.providers.sse.SseEvent;
import java.util.List;

/**
 * An answer as its caller received it, kept to be replayed: one JSON body, or a completed stream's events in
 * order. It says what served it, for the replay's headers and the hit's ledger row.
 *
 * @param streamed   whether it is a stream ({@code events}) or one JSON body ({@code body})
 * @param body       the JSON answer; empty for a stream
 * @param events     the stream's events as sent; empty for a JSON answer
 * @param provider   the provider that answered
 * @param model      the model that answered, {@code provider/model}
 * @param costMicros what the original call cost, in micro-dollars (what a hit saves); 0 when unpriced
 */
public record CachedAnswer(boolean streamed, byte[] body, List<SseEvent> events, String provider, String model,
                           long costMicros) {
    public CachedAnswer {
        body = body == null ? new byte[0] : body;
        events = events == null ? List.of() : List.copyOf(events);
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
