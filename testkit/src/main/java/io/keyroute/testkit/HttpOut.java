package io.keyroute.testkit;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.replies.Reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What every fake's responses share: the content types, verbatim replies and the scripted pauses. */
public final class HttpOut {

    public static final Header CONTENT_TYPE_JSON =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    public static final Header CONTENT_TYPE_SSE =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");

    private HttpOut() {
    }

    /** A {@link Reply#raw} reply: its status, content type, headers and body, verbatim. */
    public static void raw(ServerResponse res, Reply reply) {
        res.status(Status.create(reply.status()));
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, reply.rawContentType()));
        reply.headers().forEach(res::header);
        res.send(reply.rawBody().getBytes(StandardCharsets.UTF_8));
    }

    /** Sleeps, unless interrupted (the server is stopping): then returns false. */
    public static boolean pause(Duration d) {
        if (d.isZero()) {
            return true;
        }
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
