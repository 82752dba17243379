package io.keyroute.server.inference;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.inference.attempts.Watchdog;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The caller's side of a stream. Commits the 200 and SSE headers on the first write (so a failure
 * before it can still become an error response, or fail over), flushes every event as it is
 * written, and remembers when the caller went away. Writes come from the relay and the heartbeat,
 * hence the lock. A write that takes longer than the write timeout (a caller who stopped reading)
 * is cut: its socket is closed and the caller counts as gone.
 */
final class ClientStream {
    private static final byte[] HEARTBEAT = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerResponse response;
    private final Watchdog.Watch writes;
    private final Duration writeTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long firstByteNanos;
    private volatile boolean gone;

    /** @param writes interrupts a write that outlasts {@code writeTimeout}; closed by {@link #finish} */
    ClientStream(ServerResponse response, Watchdog.Watch writes, Duration writeTimeout) {
        this.response = response;
        this.writes = writes;
        this.writeTimeout = writeTimeout;
    }

    /** Writes and flushes one event; false when the caller has gone. */
    boolean write(byte[] event) {
        lock.lock();
        try {
            return writeLocked(event);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A comment line, if nothing was written for {@code idleNanos}; false when the caller has gone.
     * Skipped rather than waited for while the relay is writing.
     */
    boolean heartbeatIfIdle(long idleNanos) {
        if (!idleFor(idleNanos) || !lock.tryLock()) {
            return !gone;
        }
        try {
            return writeLocked(HEARTBEAT);
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing was written for {@code nanos} (or the caller is already known to be gone). */
    boolean idleFor(long nanos) {
        return gone || System.nanoTime() - lastWriteNanos >= nanos;
    }

    boolean committed() {
        return out != null;
    }

    boolean gone() {
        return gone;
    }

    long firstByteNanos() {
        return firstByteNanos;
    }

    /** Ends the response, if it was started and the caller is still there; call once, when the relay is done. */
    void finish() {
        lock.lock();
        try {
            if (out != null && !gone) {
                writes.arm(writeTimeout);
                out.close();
            }
        } catch (java.io.IOException | RuntimeException e) {
            gone = true;
        } finally {
            writes.close();
            lock.unlock();
        }
    }

    private boolean writeLocked(byte[] bytes) {
        if (gone) {
            return false;
        }
        try {
            if (out == null) {
                response.status(Status.OK_200);
                response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8"));
                response.header(HeaderValues.CACHE_NO_CACHE);
                response.header(HeaderValues.create(HeaderNames.create("x-accel-buffering"), "no"));
                out = response.outputStream();
                firstByteNanos = System.nanoTime();
            }
            writes.arm(writeTimeout);
            out.write(bytes);
            out.flush();
            writes.disarm();
            lastWriteNanos = System.nanoTime();
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            // Helidon reports a closed peer as an unchecked exception; either way the caller left (or was cut off).
            writes.disarm();
            writes.clearInterrupt();
            gone = true;
            return false;
        }
    }
}
