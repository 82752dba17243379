package io.keyroute.server.inference;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.wire.responses.ResponsesEventWriter;
import io.keyroute.api.wire.responses.ResponsesIds;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.providers.sse.SseEvent;
import java.time.Instant;

/**
 * A {@code response.create} with {@code generate: false}, OpenAI's warm-up in WebSocket mode (Codex
 * sends one before a turn): the request's state prepared and no model output. Nothing reaches a
 * provider and nothing is charged: the socket keeps the input, and the answer is an empty completed
 * response in the translated path's events, whose id the next {@code response.create} continues.
 */
final class SocketWarmUp {
    private SocketWarmUp() {
    }

    static void answer(ResponsesRequest request, SocketCaller caller) {
        var writer = new ResponsesEventWriter(request, ResponsesIds.response(), Instant.now().getEpochSecond());
        EventSink sink = (event, data) -> caller.event(new SseEvent(event, data));
        writer.write(new StreamEvent.Start(null, request.model()), sink);
        writer.write(new StreamEvent.Finish(FinishReason.STOP, null), sink);
        writer.write(new StreamEvent.UsageReport(Usage.NONE, false), sink);
        writer.write(new StreamEvent.End(), sink);
    }
}
