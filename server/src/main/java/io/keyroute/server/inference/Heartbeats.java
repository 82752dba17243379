package io.keyroute.server.inference;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps silent streams talking. A blocking relay only notices a vanished caller on its next
 * write; while the upstream is silent (a long time to first token) a comment line every
 * interval finds out, and the upstream call is cancelled instead of running on for nobody.
 *
 * <p>One sweep every interval looks at all open streams. A timer task per stream cost each stream a
 * wake-up of the timer thread (its queue's head changed) and a trip through the timer's locked
 * queue when it started and again when it ended; watching is now a set insertion and removal.
 */
public final class Heartbeats implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keyroute-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final long intervalNanos;

    public Heartbeats(Duration interval) {
        this.intervalNanos = interval.toNanos();
        timer.scheduleAtFixedRate(this::sweep, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** One stream being watched until the relay closes the watch. */
    final class Watch implements AutoCloseable {
        private final ClientStream stream;
        private final Runnable onGone;
        /** A heartbeat is being written, or the caller is gone for good: no sweep starts another. */
        private final AtomicBoolean busy = new AtomicBoolean();

        private Watch(ClientStream stream, Runnable onGone) {
            this.stream = stream;
            this.onGone = onGone;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    /**
     * Starts watching {@code stream}: a comment line once it has been silent for an interval (found
     * between one and two intervals into the silence); {@code onGone} runs when the caller has left.
     */
    Watch watch(ClientStream stream, Runnable onGone) {
        var watch = new Watch(stream, onGone);
        watched.add(watch);
        return watch;
    }

    /**
     * The timer thread only checks; a write (which may block on a slow client) runs on its own virtual
     * thread, one at a time per stream: a sweep while the last write is still blocked starts none, so
     * a caller that left is reported gone once, and a slow one does not pile up writers.
     */
    private void sweep() {
        for (Watch watch : watched) {
            if (watch.stream.idleFor(intervalNanos) && watch.busy.compareAndSet(false, true)) {
                Thread.ofVirtual().start(() -> {
                    if (watch.stream.heartbeatIfIdle(intervalNanos)) {
                        watch.busy.set(false);
                    } else {
                        watch.close(); // busy stays set: the caller will not come back
                        watch.onGone.run();
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
