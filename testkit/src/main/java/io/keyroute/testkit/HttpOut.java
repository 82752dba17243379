package io.keyroute.testkit;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;

import java.time.Duration;

/** What every fake's responses share: the content types and the scripted pauses. */
public final class HttpOut {

    public static final Header CONTENT_TYPE_JSON =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    public static final Header CONTENT_TYPE_SSE =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");

    private HttpOut() {
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
