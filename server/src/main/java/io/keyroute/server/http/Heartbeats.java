package io.keyroute.server.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps silent streams talking. A blocking relay only notices a vanished caller on its next
 * write; while the upstream is silent (a long time to first token) a comment line every
 * interval finds out, and the upstream call is cancelled instead of running on for nobody.
 */
final class Heartbeats implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keyroute-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final long intervalNanos;

    Heartbeats(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Starts watching {@code stream}; {@code onGone} runs (once at most) when the caller has left. */
    ScheduledFuture<?> watch(ClientStream stream, Runnable onGone) {
        // The timer thread only checks; a write (which may block on a slow client) runs on its own virtual thread.
        return timer.scheduleAtFixedRate(() -> {
            if (stream.idleFor(intervalNanos)) {
                Thread.ofVirtual().start(() -> {
                    if (!stream.heartbeatIfIdle(intervalNanos)) {
                        onGone.run();
                    }
                });
            }
        }, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
