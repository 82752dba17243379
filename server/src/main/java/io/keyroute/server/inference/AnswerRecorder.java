package io.keyroute.server.inference;

import io.helidon.http.HeaderName;
import io.helidon.http.Headers;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.cache.CachedAnswer;
import io.keyroute.server.limits.InFlightLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's side of a cache miss: passes everything through, and keeps a copy of the answer exactly as the
 * caller was sent it (one JSON body, or a stream's events after the guardrails' output checks), up to a bound.
 * Only a whole answer is worth keeping: a refusal, a stream never closed, or one larger than the bound is not.
 */
final class AnswerRecorder implements CallerSide {
    private final CallerSide caller;
    private final long maxBytes;
    private byte[] body;
    private List<SseEvent> events;
    private long bytes;
    private boolean closed;
    private boolean spoilt;

    AnswerRecorder(CallerSide caller, long maxBytes) {
        this.caller = caller;
        this.maxBytes = maxBytes;
    }

    /** The answer the caller received, if it was one whole answer within the bound; else null. */
    CachedAnswer answer(WireFormat format, String provider, String model, long costMicros) {
        if (spoilt) {
            return null;
        }
        if (body != null) {
            return new CachedAnswer(format, false, body, List.of(), provider, model, costMicros);
        }
        return closed && events != null ? new CachedAnswer(format, true, null, events, provider, model, costMicros) : null;
    }

    @Override
    public Headers headers() {
        return caller.headers();
    }

    @Override
    public String method() {
        return caller.method();
    }

    @Override
    public String path() {
        return caller.path();
    }

    @Override
    public byte[] body(InFlightLimits.Pass pass, long limit) {
        return caller.body(pass, limit);
    }

    @Override
    public void header(HeaderName name, String value) {
        caller.header(name, value);
    }

    @Override
    public boolean answered() {
        return caller.answered();
    }

    @Override
    public void refuse(WireFormat format, GatewayError error) {
        spoilt = true;
        caller.refuse(format, error);
    }

    @Override
    public void sendJson(byte[] answer) {
        caller.sendJson(answer);
        if (answer.length <= maxBytes) {
            body = answer;
        }
    }

    @Override
    public void openStream() {
        caller.openStream();
        events = new ArrayList<>();
    }

    @Override
    public void event(SseEvent event) {
        caller.event(event); // first: a write that fails is not an event the caller received
        if (spoilt) {
            return;
        }
        bytes += event.data().length();
        if (bytes > maxBytes) {
            spoilt = true;
            events = null;
        } else {
            events.add(event);
        }
    }

    @Override
    public void heartbeat() {
        caller.heartbeat();
    }

    @Override
    public void closeStream() {
        caller.closeStream();
        closed = true;
    }
}
