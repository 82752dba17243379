package io.keyroute.server.inference;

import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.inference.attempts.Watchdog;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The caller's side of a stream. Opens the {@link CallerSide}'s stream on the first write (so a
 * failure before it can still become an error response, or fail over), flushes every event as it
 * is written, and remembers when the caller went away. Writes come from the relay and the heartbeat,
 * hence the lock. A write that takes longer than the write timeout (a caller who stopped reading)
 * is cut: its socket is closed and the caller counts as gone.
 */
final class ClientStream {
    private final CallerSide caller;
    private final Watchdog.Watch writes;
    private final Duration writeTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean open;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long firstByteNanos;
    private volatile boolean gone;

    /** @param writes interrupts a write that outlasts {@code writeTimeout}; closed by {@link #finish} */
    ClientStream(CallerSide caller, Watchdog.Watch writes, Duration writeTimeout) {
        this.caller = caller;
        this.writes = writes;
        this.writeTimeout = writeTimeout;
    }

    /** Writes and flushes one event; false when the caller has gone. */
    boolean write(SseEvent event) {
        lock.lock();
        try {
            return writeLocked(event);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A heartbeat, if nothing was written for {@code idleNanos}; false when the caller has gone.
     * Skipped rather than waited for while the relay is writing.
     */
    boolean heartbeatIfIdle(long idleNanos) {
        if (!idleFor(idleNanos) || !lock.tryLock()) {
            return !gone;
        }
        try {
            return writeLocked(null);
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing was written for {@code nanos} (or the caller is already known to be gone). */
    boolean idleFor(long nanos) {
        return gone || System.nanoTime() - lastWriteNanos >= nanos;
    }

    boolean committed() {
        return open;
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
            if (open && !gone) {
                writes.arm(writeTimeout);
                caller.closeStream();
            }
        } catch (RuntimeException e) {
            gone = true;
        } finally {
            writes.close();
            lock.unlock();
        }
    }

    /** Writes {@code event}, or a heartbeat when it is null. */
    private boolean writeLocked(SseEvent event) {
        if (gone) {
            return false;
        }
        try {
            if (!open) {
                caller.openStream();
                open = true;
                firstByteNanos = System.nanoTime();
            }
            writes.arm(writeTimeout);
            if (event == null) {
                caller.heartbeat();
            } else {
                caller.event(event);
            }
            writes.disarm();
            lastWriteNanos = System.nanoTime();
            return true;
        } catch (RuntimeException e) {
            // Helidon reports a closed peer as an unchecked exception; either way the caller left (or was cut off).
            writes.disarm();
            writes.clearInterrupt();
            gone = true;
            return false;
        }
    }
}
