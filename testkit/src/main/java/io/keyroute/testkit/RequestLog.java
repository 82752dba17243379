package io.keyroute.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Every request the fake received: counted always, kept in full unless recording is off. */
public final class RequestLog {

    private final boolean keep;
    private final AtomicLong count = new AtomicLong();
    private final List<RecordedRequest> requests = new ArrayList<>();

    public RequestLog(boolean keep) {
        this.keep = keep;
    }

    /** Reads the body and records the request; {@code parse} = parse the body as JSON. */
    public RecordedRequest record(ServerRequest req, boolean parse) {
        byte[] body;
        try {
            body = req.content().hasEntity() ? req.content().inputStream().readAllBytes() : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count.incrementAndGet();
        if (!keep && !parse) {
            return new RecordedRequest(req.prologue().method().text(), req.path().path(), req.path().rawPath(), "",
                    Map.of(), body, null);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : req.headers()) {
            headers.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(h.allValues());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        RecordedRequest recorded = new RecordedRequest(req.prologue().method().text(), req.path().path(),
                req.path().rawPath(), req.query().rawValue(), headers, body, parse(body));
        if (keep) {
            synchronized (requests) {
                requests.add(recorded);
            }
        }
        return recorded;
    }

    public long count() {
        return count.get();
    }

    public List<RecordedRequest> snapshot() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public RecordedRequest last() {
        synchronized (requests) {
            return requests.isEmpty() ? null : requests.getLast();
        }
    }

    public void clear() {
        synchronized (requests) {
            requests.clear();
        }
        count.set(0);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return FakeJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
