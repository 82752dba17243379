package io.keyroute.server.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.keyroute.server.inference.attempts.Watchdog;
import java.time.Duration;

/**
 * The second half of the request head's deadline: once a request line is in, its headers must
 * follow within {@code bound}, or the connection is closed (its thread, blocked reading them, is
 * interrupted). Helidon bounds each read only, so a client sending a byte now and then would hold
 * its connection forever. The first half, the request line within the same bound of the
 * connection opening or of its previous answer, is Helidon's idle-connection timeout.
 * Both callbacks run on the connection's own thread.
 */
final class RequestHeadDeadline implements Http1ConnectionListener {
    private final Watchdog watchdog;
    private final Duration bound;
    private final ThreadLocal<Watchdog.Watch> reading = new ThreadLocal<>();

    RequestHeadDeadline(Watchdog watchdog, Duration bound) {
        this.watchdog = watchdog;
        this.bound = bound;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        stop(); // a previous request whose headers were refused before they were all read
        Watchdog.Watch watch = watchdog.watch();
        watch.arm(bound);
        reading.set(watch);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        stop();
    }

    private void stop() {
        Watchdog.Watch watch = reading.get();
        if (watch != null) {
            reading.remove();
            watch.close();
        }
    }
}
