package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.HttpOut;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;
import io.keyroute.testkit.sse.SseWriter;
import io.keyroute.testkit.sse.StreamControl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark path: one canned answer serialised once at start, the request body scanned for
 * {@code "stream":true} and {@code "include_usage":true} instead of parsed. Created and model
 * are fixed, and so is a chat completion's id; each Response has an id of its own (stamped into the
 * canned bytes, {@link IdStamp}), as OpenAI's have: a gateway records them. A chat completion ({@link #handleChat}) and a Responses API answer ({@link #handleResponses}:
 * the Response object, or its event stream as {@link ResponsesAnswer} builds it, usage in
 * {@code response.completed}) carry the same text and usage. Nothing is stored.
 */
public final class FastPath {

    private final byte[] completion;
    private final byte[][] events;
    private final byte[][] eventsWithUsage;
    private final IdStamp response;
    private final IdStamp[] responseEvents;
    private final AtomicLong responses = new AtomicLong();
    private final Duration chunkDelay;
    private final StreamControl control;

    FastPath(String model, String text, long created, Duration chunkDelay, StreamControl control) {
        var env = new OpenAiWire.Envelope(Wording.completionId(0), created, model);
        Reply reply = Reply.text(text);
        Usage usage = new Usage(8, Wording.words(text), 0, 0);
        this.completion = OpenAiWire.bytes(OpenAiWire.completion(env, reply, usage));
        this.events = ChatStream.events(env, reply, usage, false).toArray(byte[][]::new);
        this.eventsWithUsage = ChatStream.events(env, reply, usage, true).toArray(byte[][]::new);
        // The request is not read, so the Response echoes OpenAI's defaults for every parameter.
        String placeholder = ResponsesWire.id("resp", created, 0, -1);
        var head = new ResponsesWire.Head(placeholder, created, model,
                JsonNodeFactory.instance.objectNode());
        var answer = new ResponsesAnswer(head, reply, usage, 0, created);
        this.response = new IdStamp(OpenAiWire.bytes(answer.response()), placeholder);
        this.responseEvents = answer.events().stream().map(e -> new IdStamp(e, placeholder)).toArray(IdStamp[]::new);
        this.chunkDelay = chunkDelay;
        this.control = control;
    }

    void handleChat(byte[] body, ServerResponse res) {
        if (!flag(body, "\"stream\"")) {
            OpenAiResponses.json(res, 200, completion, Map.of());
            return;
        }
        stream(flag(body, "\"include_usage\"") ? eventsWithUsage : events, res);
    }

    void handleResponses(byte[] body, ServerResponse res) {
        String id = ResponsesWire.id("resp", System.currentTimeMillis() / 1000, responses.incrementAndGet(), -1);
        if (flag(body, "\"stream\"")) {
            byte[][] events = new byte[responseEvents.length][];
            for (int k = 0; k < events.length; k++) {
                events[k] = responseEvents[k].with(id);
            }
            stream(events, res);
        } else {
            OpenAiResponses.json(res, 200, response.with(id), Map.of());
        }
    }

    private void stream(byte[][] stream, ServerResponse res) {
        OpenAiResponses.start(res, 200, HttpOut.CONTENT_TYPE_SSE, Map.of());
        SseWriter sse = res.sink(SseWriter.TYPE).countingInto(control);
        try {
            for (int k = 0; k < stream.length; k++) {
                if (k > 0 && !HttpOut.pause(chunkDelay)) {
                    throw new CloseConnectionException("fake is stopping");
                }
                sse.event(stream[k]);
            }
            sse.finish();
            control.completed();
        } catch (SseWriter.ClientGone e) {
            control.cancelled();
            throw new CloseConnectionException("client went away", e);
        }
    }

    /**
     * True if {@code "key"} is followed by optional spaces, a colon, optional spaces and {@code true}: a
     * body's flag found without parsing it (every fake's bench path).
     */
    public static boolean flag(byte[] body, String quotedKey) {
        byte[] key = quotedKey.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= body.length - key.length; i++) {
            if (i > 0 && body[i - 1] == '\\') {
                continue;
            }
            for (int j = 0; j < key.length; j++) {
                if (body[i + j] != key[j]) {
                    continue outer;
                }
            }
            int p = skipSpaces(body, i + key.length);
            if (p >= body.length || body[p] != ':') {
                continue;
            }
            p = skipSpaces(body, p + 1);
            return p + 4 <= body.length && body[p] == 't' && body[p + 1] == 'r' && body[p + 2] == 'u'
                    && body[p + 3] == 'e';
        }
        return false;
    }

    private static int skipSpaces(byte[] b, int p) {
        while (p < b.length && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r')) {
            p++;
        }
        return p;
    }
}
