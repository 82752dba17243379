package io.keyroute.testkit;

import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.sse.SseWriter;
import io.keyroute.testkit.sse.StreamControl;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Plays one stream's events as its {@link Reply} scripts them (pauses, gate, cut, mid-stream error),
 * counted in the fake's {@link StreamControl}; shared by the fakes' streams (OpenAI chat and Responses,
 * Anthropic), each with its own API's error event. The caller has set the status and headers.
 */
public final class ScriptedStream {

    private ScriptedStream() {
    }

    /** @param errorEvent the API's error event sent in place of event {@code k} (by its index) */
    public static void play(ServerResponse res, Reply reply, List<byte[]> events, StreamControl control,
                     IntFunction<byte[]> errorEvent) {
        SseWriter sse = res.sink(SseWriter.TYPE).countingInto(control);
        try {
            sse.commitHeaders();
            if (!HttpOut.pause(reply.firstChunkDelay())) {
                throw new CloseConnectionException("fake is stopping");
            }
            for (int k = 0; k < events.size(); k++) {
                if (k == reply.cutAfterChunks()) {
                    throw new CloseConnectionException("scripted cut after " + k + " events");
                }
                if (k == reply.errorAfterChunks()) {
                    sse.event(errorEvent.apply(k));
                    sse.finish();
                    control.completed();
                    return;
                }
                if (k > 0 && !HttpOut.pause(reply.chunkDelay())) {
                    throw new CloseConnectionException("fake is stopping");
                }
                if (reply.isGated() && !control.awaitGate()) {
                    throw new CloseConnectionException("fake is stopping");
                }
                sse.event(events.get(k));
            }
            sse.finish();
            control.completed();
        } catch (SseWriter.ClientGone e) {
            control.cancelled();
            throw new CloseConnectionException("client went away", e);
        }
    }
}
