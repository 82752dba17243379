package io.keyroute.server.inference;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.limits.InFlightLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An HTTP request and its response: a stream is server-sent events, flushed one by one. */
final class HttpCaller implements CallerSide {
    private static final byte[] HEARTBEAT = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerRequest req;
    private final ServerResponse res;
    private OutputStream out;

    HttpCaller(ServerRequest req, ServerResponse res) {
        this.req = req;
        this.res = res;
    }

    @Override
    public Headers headers() {
        return req.headers();
    }

    @Override
    public String method() {
        return req.prologue().method().text();
    }

    @Override
    public String path() {
        return req.path().absolute().path();
    }

    @Override
    public byte[] body(InFlightLimits.Pass pass, long limit) {
        return pass.body(req, limit);
    }

    @Override
    public void header(HeaderName name, String value) {
        res.header(name, value);
    }

    @Override
    public boolean answered() {
        return res.isSent();
    }

    @Override
    public void refuse(WireFormat format, GatewayError error) {
        ErrorResponses.send(res, format, error);
    }

    @Override
    public void sendJson(byte[] body) {
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }

    @Override
    public void openStream() {
        res.status(Status.OK_200);
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8"));
        res.header(HeaderValues.CACHE_NO_CACHE);
        res.header(HeaderValues.create(HeaderNames.create("x-accel-buffering"), "no"));
        out = res.outputStream();
    }

    @Override
    public void event(SseEvent event) {
        write(event.toBytes());
    }

    @Override
    public void heartbeat() {
        write(HEARTBEAT);
    }

    @Override
    public void closeStream() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
